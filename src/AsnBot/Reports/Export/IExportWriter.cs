namespace AsnBot.Reports.Export;

/// <summary>Writes rows to the output as they come; nothing is held beyond the current row.</summary>
internal interface IExportWriter : IAsyncDisposable
{
    Task WriteHeaderAsync(IReadOnlyList<string> columns, CancellationToken cancellationToken);

    Task WriteRowAsync(object?[] values, CancellationToken cancellationToken);

    Task CompleteAsync(CancellationToken cancellationToken);
}
