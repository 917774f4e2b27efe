namespace KEchoBench.Bench.Cli;

/// <summary>
/// Whether a file or folder can be written, found out by trying, without leaving anything behind:
/// permissions alone do not tell (a read-only mount, /proc, a file where a folder must be).
/// </summary>
internal static class WritablePath
{
    /// <summary>Null when <paramref name="path"/> can be written (as a file, or a folder to create files in); otherwise the reason.</summary>
    public static string? Problem(string path, bool folder)
    {
        string full;
        try
        {
            full = Path.GetFullPath(path);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return e.Message;
        }

        if (!folder && Directory.Exists(full))
        {
            return "it is a folder";
        }

        if (!folder && File.Exists(full))
        {
            // Opened for writing without truncating: an existing file is left as it is.
            return Try(() => new FileStream(full, FileMode.Open, FileAccess.Write).Dispose());
        }

        // The nearest folder that exists is where the first thing will be created.
        string? existing = folder ? full : Path.GetDirectoryName(full);
        while (existing is not null && !Directory.Exists(existing))
        {
            if (File.Exists(existing))
            {
                return $"'{existing}' is a file, not a folder";
            }

            existing = Path.GetDirectoryName(existing);
        }

        if (existing is null)
        {
            return "no part of the path exists";
        }

        string probe = Path.Combine(existing, $".kechobench-write-probe-{Environment.ProcessId}-{Guid.NewGuid():N}");
        return Try(() => new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose).Dispose()) is { } reason
            ? $"cannot create files in '{existing}': {reason}"
            : null;
    }

    private static string? Try(Action write)
    {
        try
        {
            write();
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return "permission denied";
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            // ENOENT on creating a file in a folder that exists: a file system that takes no new files (/proc, /sys).
            return "the file system there does not take new files";
        }
        catch (IOException e)
        {
            // EROFS, ENOSPC, EDQUOT...: the runtime's message is the system's.
            return e.Message;
        }
    }
}
