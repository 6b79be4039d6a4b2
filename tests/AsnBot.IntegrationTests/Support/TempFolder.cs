namespace AsnBot.IntegrationTests.Support;

/// <summary>A temporary folder deleted with everything in it.</summary>
internal sealed class TempFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("asnbot-reliability-").FullName;

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
