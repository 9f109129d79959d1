namespace Kaohe.Data.Backup;

/// <summary>What a file to restore is, by its first bytes.</summary>
internal enum BackupKind
{
    Unknown,
    Sqlite,
    PostgresDump,
}

/// <summary>
/// Backup files: created readable by their owner only (they hold password hashes and customer data), written under
/// a temporary name beside the target and renamed into place only when complete, so a half-written backup never
/// carries the name of a good one.
/// </summary>
internal static class BackupFiles
{
    private const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Creates an empty private file beside <paramref name="target"/> with a hidden temporary name.</summary>
    public static string CreatePrivateTemp(string target)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(target))!;
        var temp = Path.Combine(folder, $".{Path.GetFileName(target)}.{Guid.NewGuid():N}.tmp");
        return CreatePrivate(temp);
    }

    /// <summary>Creates the empty private file <paramref name="path"/>; fails if it exists.</summary>
    public static string CreatePrivate(string path)
    {
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows()) options.UnixCreateMode = Private;
            using (new FileStream(path, options))
            {
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new BackupException($"无法在“{Path.GetDirectoryName(path)}”中创建文件：{e.Message}");
        }
        return path;
    }

    /// <summary>Makes <paramref name="path"/> readable and writable by its owner only (Unix).</summary>
    public static void MakePrivate(string path)
    {
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, Private);
    }

    /// <summary>Renames the finished temporary file onto <paramref name="target"/> (same folder: atomic on one file system).</summary>
    public static void MoveIntoPlace(string temp, string target)
    {
        MakePrivate(temp);
        try
        {
            File.Move(temp, target, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new BackupException($"无法写入“{target}”：{e.Message}");
        }
    }

    /// <summary><paramref name="path"/>, or with "-2", "-3" … appended when a file of that name exists.</summary>
    public static string FreeName(string path)
    {
        var candidate = path;
        for (var i = 2; File.Exists(candidate); i++) candidate = $"{path}-{i}";
        return candidate;
    }

    /// <summary>
    /// Runs <paramref name="work"/> on the temporary file <paramref name="temp"/> and removes the file afterwards
    /// (a no-op when the work moved it into place). When the work fails and the file cannot be removed either, both
    /// are reported: the work's error with a note naming the file left behind.
    /// </summary>
    public static T WithTemporary<T>(string temp, Func<string, T> work)
    {
        T result;
        try
        {
            result = work(temp);
        }
        catch (Exception failure)
        {
            try
            {
                File.Delete(temp);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                var note = $"（临时文件“{temp}”未能删除：{e.Message}；可以手动删除）";
                throw failure is BackupException ? new BackupException(failure.Message + note) : new AggregateException(failure.Message + note, failure, e);
            }
            throw;
        }
        File.Delete(temp);
        return result;
    }

    /// <summary>SQLite ("SQLite format 3\0"), a pg_dump custom archive ("PGDMP"), or neither.</summary>
    public static BackupKind Kind(string path)
    {
        Span<byte> head = stackalloc byte[16];
        int read;
        try
        {
            using var stream = File.OpenRead(path);
            read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new BackupException($"无法读取“{path}”：{e.Message}");
        }
        if (read == 16 && head.SequenceEqual("SQLite format 3\0"u8)) return BackupKind.Sqlite;
        if (read >= 5 && head[..5].SequenceEqual("PGDMP"u8)) return BackupKind.PostgresDump;
        return BackupKind.Unknown;
    }
}
