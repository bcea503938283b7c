using Microsoft.Extensions.Options;

namespace HotspotIntel.Api.Audit;

/// <summary>
/// The checkpoint files in <see cref="AuditSealingOptions.CheckpointDirectory"/>: each server appends to a file of its
/// own (named for the machine), readable and writable by its owner only; verification reads them all.
/// </summary>
public sealed class AuditCheckpoints(IOptions<AuditSealingOptions> options)
{
    private const string FilePrefix = "audit-checkpoints-";
    private const string FileExtension = ".jsonl";

    public string Directory => Path.GetFullPath(options.Value.CheckpointDirectory);

    /// <summary>Appends <paramref name="checkpoint"/> as one line and flushes it to disk.</summary>
    public async Task AppendAsync(AuditCheckpoint checkpoint, CancellationToken cancellationToken)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var path = Path.Combine(Directory, FilePrefix + Environment.MachineName + FileExtension);
        var fileOptions = new FileStreamOptions { Mode = FileMode.Append, Access = FileAccess.Write, Share = FileShare.ReadWrite };
        if (!OperatingSystem.IsWindows())
        {
            fileOptions.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        await using var file = new FileStream(path, fileOptions);
        // One write of the whole line: appends from two processes on one machine interleave by line, not within one.
        await file.WriteAsync(System.Text.Encoding.UTF8.GetBytes(checkpoint.ToLine() + "\n"), cancellationToken);
        file.Flush(flushToDisk: true);
    }

    /// <summary>Every line of every checkpoint file: the file, the line number, and the checkpoint (null for a line that is not one).</summary>
    public async Task<List<(string File, int Line, AuditCheckpoint? Checkpoint)>> ReadAllAsync(CancellationToken cancellationToken)
    {
        var lines = new List<(string, int, AuditCheckpoint?)>();
        if (!System.IO.Directory.Exists(Directory))
        {
            return lines;
        }

        foreach (var path in System.IO.Directory.EnumerateFiles(Directory, FilePrefix + "*" + FileExtension).Order(StringComparer.Ordinal))
        {
            var number = 0;
            await foreach (var line in File.ReadLinesAsync(path, cancellationToken))
            {
                number++;
                if (!string.IsNullOrWhiteSpace(line))
                {
                    lines.Add((Path.GetFileName(path), number, AuditCheckpoint.FromLine(line)));
                }
            }
        }

        return lines;
    }
}
