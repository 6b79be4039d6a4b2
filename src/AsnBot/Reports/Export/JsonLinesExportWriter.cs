using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace AsnBot.Reports.Export;

/// <summary>JSON lines: one object per response, keys as the CSV header, numbers as numbers, text unaltered.</summary>
internal sealed class JsonLinesExportWriter(Stream output) : IExportWriter
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private const int FlushAt = 64 * 1024;

    // Lines collect in a small buffer that goes to the output every 64 KiB: memory stays flat and the
    // output sees few large writes instead of one per response.
    private readonly ArrayBufferWriter<byte> _buffer = new(FlushAt * 2);
    private Utf8JsonWriter? _json;
    private IReadOnlyList<string> _columns = [];

    public Task WriteHeaderAsync(IReadOnlyList<string> columns, CancellationToken cancellationToken)
    {
        _columns = columns;
        return Task.CompletedTask;
    }

    public async Task WriteRowAsync(object?[] values, CancellationToken cancellationToken)
    {
        _json ??= new Utf8JsonWriter(_buffer, Options);
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
        _json.Flush();
        _json.Reset();
        _buffer.Write("\n"u8);
        if (_buffer.WrittenCount >= FlushAt)
        {
            await DrainAsync(cancellationToken);
        }
    }

    public async Task CompleteAsync(CancellationToken cancellationToken)
    {
        await DrainAsync(cancellationToken);
        await output.FlushAsync(cancellationToken);
    }

    public ValueTask DisposeAsync() => _json?.DisposeAsync() ?? ValueTask.CompletedTask;

    private async Task DrainAsync(CancellationToken cancellationToken)
    {
        await output.WriteAsync(_buffer.WrittenMemory, cancellationToken);
        _buffer.ResetWrittenCount();
    }
}
