using System.Security.Cryptography;
using System.Text;

namespace Alerts.Server.Tests.Infrastructure;

/// <summary>The API keys every test node is configured with.</summary>
public static class TestKeys
{
    public const string Editor = "editor-test-key-0123456789";
    public const string EditorName = "desk";
    public const string Admin = "admin-test-key-0123456789";
    public const string AdminName = "chief";

    public static string Sha256Of(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}
