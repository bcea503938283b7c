using System.Diagnostics;

namespace HotspotIntel.Bench.Benchmarks;

/// <summary>
/// The API as production runs it: <c>dotnet HotspotIntel.Api.dll --urls …</c> in a process of its own (so its memory
/// can be measured), on the given database, with its own appsettings.json beside the dll.
/// </summary>
internal sealed class ApiProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Queue<string> _lastLines = new();
    private readonly string _auditCheckpointDirectory;

    private ApiProcess(Process process, Uri baseAddress, string auditCheckpointDirectory)
    {
        _process = process;
        BaseAddress = baseAddress;
        _auditCheckpointDirectory = auditCheckpointDirectory;
    }

    public Uri BaseAddress { get; }

    public int Id => _process.Id;

    /// <param name="connectionString">The application role's connection (under row-level security, as in production).</param>
    /// <param name="signingKey">The key the API validates tokens with; the benchmark signs its users' tokens with it.</param>
    /// <param name="settings">Configuration to add or override, as environment variables (<c>Section__Key</c>).</param>
    public static async Task<ApiProcess> StartAsync(string apiDll, int port, string connectionString, string signingKey, CancellationToken cancellationToken,
        IReadOnlyDictionary<string, string>? settings = null)
    {
        if (!File.Exists(apiDll))
        {
            throw new ArgumentException($"{apiDll} is missing: build the API in Release first (bench/run.sh does).");
        }

        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(Path.GetFullPath(apiDll))!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.GetFullPath(apiDll));
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{port}");
        start.Environment["ConnectionStrings__HotspotIntel"] = connectionString;
        start.Environment["Auth__SigningKey"] = signingKey;
        // A key and a checkpoint folder for this process alone: the benchmark's databases are thrown away, their seals too.
        // (The jobs' and the network copy's connections are the application's with their own logins, which the benchmark's
        // cluster trusts.)
        start.Environment["Audit__SealingKey"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        var checkpoints = Directory.CreateTempSubdirectory("hotspotintel-bench-audit-").FullName;
        start.Environment["Audit__CheckpointDirectory"] = checkpoints;
        // Background jobs would compete with the measured requests.
        start.Environment["Hangfire__ServerEnabled"] = "false";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        // Per-request logging would be measured as part of the import.
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (name, value) in settings ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        var api = new ApiProcess(Process.Start(start)!, new Uri($"http://127.0.0.1:{port}"), checkpoints);
        api._process.OutputDataReceived += (_, line) => api.Remember(line.Data);
        api._process.ErrorDataReceived += (_, line) => api.Remember(line.Data);
        api._process.BeginOutputReadLine();
        api._process.BeginErrorReadLine();
        await api.WaitUntilHealthyAsync(cancellationToken);
        return api;
    }

    /// <summary>What the API printed last, for explaining a failure.</summary>
    public string LastOutput
    {
        get
        {
            lock (_lastLines)
            {
                return string.Join('\n', _lastLines);
            }
        }
    }

    public bool HasExited => _process.HasExited;

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        Directory.Delete(_auditCheckpointDirectory, recursive: true);
    }

    private void Remember(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_lastLines)
        {
            _lastLines.Enqueue(line);
            while (_lastLines.Count > 40)
            {
                _lastLines.Dequeue();
            }
        }
    }

    private async Task WaitUntilHealthyAsync(CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        // A loaded machine (other builds and benchmarks on the same cores) can take minutes to start it.
        var deadline = DateTime.UtcNow.AddSeconds(180);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The API exited with {_process.ExitCode} while starting:\n{LastOutput}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri("/health", UriKind.Relative), cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // Listening but slow to answer, on a loaded machine: asked again until the deadline.
            }

            await Task.Delay(250, cancellationToken);
        }

        throw new InvalidOperationException($"The API did not answer /health within 180 s:\n{LastOutput}");
    }
}
