using System.ComponentModel.DataAnnotations;

namespace Alerts.Server.Api;

/// <summary>One editor key under <c>Alerts:ApiKeys:{name}</c>; the name becomes the alerts' author.</summary>
internal sealed class ApiKeyOptions
{
    /// <summary>Lower-case hex SHA-256 of the key, so the configuration never holds the key itself.</summary>
    [Required]
    [RegularExpression("^[0-9a-f]{64}$", ErrorMessage = "Sha256 must be 64 lower-case hex digits (sha256sum of the key).")]
    public string Sha256 { get; set; } = "";

    [RegularExpression("^(editor|chief|admin)$", ErrorMessage = "Role must be 'editor', 'chief' or 'admin'.")]
    public string Role { get; set; } = "editor";

    /// <summary>The editions the key may act on; empty means every edition.</summary>
    public List<string> Editions { get; set; } = [];
}
