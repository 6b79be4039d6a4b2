using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace AsnBot.BotApiEmulator;

/// <summary>A file part of a multipart request.</summary>
internal sealed record UploadedFile(string FieldName, string FileName, string? ContentType, byte[] Bytes);

/// <summary>A Bot API request reduced to its parameters (JSON body, form fields and query string merged).</summary>
internal sealed record ApiRequest(JsonObject Body, IReadOnlyDictionary<string, UploadedFile> Files)
{
    public static readonly ApiRequest Empty = new(new JsonObject(), new Dictionary<string, UploadedFile>());
}

internal static class RequestReader
{
    /// <summary>Reads every parameter of the request. Form fields stay strings, as they are on the wire.</summary>
    public static async Task<ApiRequest> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var body = new JsonObject();
        var files = new Dictionary<string, UploadedFile>(StringComparer.Ordinal);

        foreach (var (key, value) in request.Query)
        {
            body[key] = value.ToString();
        }

        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(cancellationToken).ConfigureAwait(false);
            foreach (var (key, value) in form)
            {
                body[key] = value.ToString();
            }

            foreach (var file in form.Files)
            {
                using var buffer = new MemoryStream();
                await file.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
                var bytes = buffer.ToArray();
                files[file.Name] = new UploadedFile(file.Name, file.FileName, file.ContentType, bytes);
                body[file.Name] = new JsonObject { ["file_name"] = file.FileName, ["file_size"] = bytes.Length };
            }

            return new ApiRequest(body, files);
        }

        using var reader = new StreamReader(request.Body);
        var text = await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        if (string.IsNullOrWhiteSpace(text))
        {
            return new ApiRequest(body, files);
        }

        try
        {
            if (JsonNode.Parse(text) is JsonObject json)
            {
                foreach (var (key, value) in json.ToArray())
                {
                    json.Remove(key);
                    body[key] = value;
                }
            }
        }
        catch (JsonException)
        {
            body["_unparsed_body"] = text;
        }

        return new ApiRequest(body, files);
    }
}
