namespace Alerts.Server.Tests.Web;

/// <summary>Where tests leave files for people: artifacts/ at the repository root, git-ignored.</summary>
public static class Artifacts
{
    /// <summary>The directory of Alerts.sln above the test assembly, or the assembly's own when there is none.</summary>
    public static string RepositoryRoot { get; } = FindRoot();

    public static string ScreenshotsDirectory { get; } = Create("screenshots");

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Alerts.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? AppContext.BaseDirectory;
    }

    private static string Create(string name)
    {
        var path = Path.Combine(RepositoryRoot, "artifacts", name);
        Directory.CreateDirectory(path);
        return path;
    }
}
