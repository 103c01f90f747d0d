using System.Runtime.CompilerServices;

namespace GesprekTool.Tests.TestInfrastructure;

/// <summary>Settings for the test process, applied before any test starts an app.</summary>
internal static class TestProcessSettings
{
    /// <summary>
    /// Hundreds of in-memory apps start during a run, each watching its configuration files. With
    /// inotify that hits the per-user limit (128 instances on Debian) and later apps fail to start;
    /// polling watchers use no inotify instance, and nothing in a test edits those files anyway.
    /// </summary>
    [ModuleInitializer]
    internal static void Apply()
    {
        Environment.SetEnvironmentVariable("DOTNET_USE_POLLING_FILE_WATCHER", "true");
        Environment.SetEnvironmentVariable("DOTNET_hostBuilder__reloadConfigOnChange", "false");
    }
}
