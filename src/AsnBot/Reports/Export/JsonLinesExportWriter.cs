using System.Text.Encodings.Web;
using System.Text.Json;

namespace AsnBot.Reports.Export;

/// <summary>JSON lines: one object per response, keys as the CSV header, numbers as numbers, text unaltered.</summary>
internal sealed class JsonLinesExportWriter(Stream output) : IExportWriter
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly Utf8JsonWriter _json = new(output, Options);
    private IReadOnlyList<string> _columns = [];

    public Task WriteHeaderAsync(IReadOnlyList<string> columns, CancellationToken cancellationToken)
    {
        _columns = columns;
        return Task.CompletedTask;
    }

    public async Task WriteRowAsync(object?[] values, CancellationToken cancellationToken)
    {
        _json.WriteStartObject();
        for (var i = 0; i < values.Length; i++)
        {
            switch (values[i])
            {
                case null:
                    _json.WriteNull(_columns[i]);
                    break;
                case long number:
                    _json.WriteNumber(_columns[i], number);
                    break;
                case int number:
                    _json.WriteNumber(_columns[i], number);
                    break;
                default:
                    _json.WriteString(_columns[i], values[i]!.ToString());
                    break;
            }
        }

        _json.WriteEndObject();
        await _json.FlushAsync(cancellationToken);
        _json.Reset();
        output.WriteByte((byte)'\n');
    }

    public async Task CompleteAsync(CancellationToken cancellationToken) => await output.FlushAsync(cancellationToken);

    public ValueTask DisposeAsync() => _json.DisposeAsync();
}
