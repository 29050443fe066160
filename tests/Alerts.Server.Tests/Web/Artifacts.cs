namespace Alerts.Server.Tests.Web;

/// <summary>Where tests leave files for people: artifacts/ at the repository root, git-ignored.</summary>
public static class Artifacts
{
    public static string ScreenshotsDirectory { get; } = Create("screenshots");

    private static string Create(string name)
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Alerts.sln")))
        {
            directory = directory.Parent;
        }

        var path = Path.Combine(directory?.FullName ?? AppContext.BaseDirectory, "artifacts", name);
        Directory.CreateDirectory(path);
        return path;
    }
}
