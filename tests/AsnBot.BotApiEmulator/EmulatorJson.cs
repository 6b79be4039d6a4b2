using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace AsnBot.BotApiEmulator;

/// <summary>JSON conventions of the Bot API: snake_case names, nulls omitted.</summary>
internal static class EmulatorJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static long UnixNow() => DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    public static string? GetString(JsonObject body, string name)
    {
        return body[name] switch
        {
            null => null,
            JsonValue v when v.TryGetValue(out string? s) => s,
            JsonValue v => v.ToJsonString(),
            _ => null,
        };
    }

    public static long? GetLong(JsonObject body, string name)
    {
        var node = body[name];
        if (node is not JsonValue v)
        {
            return null;
        }

        if (v.TryGetValue(out long l))
        {
            return l;
        }

        if (v.TryGetValue(out double d) && Math.Abs(d % 1) < double.Epsilon)
        {
            return (long)d;
        }

        return v.TryGetValue(out string? s) && long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed)
            ? parsed
            : null;
    }

    public static bool GetBool(JsonObject body, string name)
    {
        return body[name] is JsonValue v
            && ((v.TryGetValue(out bool b) && b) || (v.TryGetValue(out string? s) && string.Equals(s, "true", StringComparison.OrdinalIgnoreCase)));
    }

    /// <summary>A JSON-encoded object/array sent as a form field arrives as a string; turn it into a node.</summary>
    public static JsonNode? GetStructured(JsonObject body, string name)
    {
        var node = body[name];
        if (node is JsonValue v && v.TryGetValue(out string? s))
        {
            try
            {
                return JsonNode.Parse(s);
            }
            catch (JsonException)
            {
                return null;
            }
        }

        return node;
    }

    public static JsonObject Obj(params (string Name, JsonNode? Value)[] props)
    {
        var o = new JsonObject();
        foreach (var (name, value) in props)
        {
            if (value is not null)
            {
                o[name] = value;
            }
        }

        return o;
    }

    public static string Serialize(JsonNode node) => node.ToJsonString(Options);
}

/// <summary>Outcome of one Bot API method call.</summary>
internal sealed record ApiResult(int Status, JsonNode? Result, string? Description = null, int? RetryAfter = null)
{
    public bool IsOk => Status == 200;

    public static ApiResult Ok(JsonNode? result) => new(200, result ?? JsonValue.Create(true));

    public static ApiResult True() => new(200, JsonValue.Create(true));

    public static ApiResult BadRequest(string detail) => new(400, null, "Bad Request: " + detail);

    public static ApiResult Fail(int status, string description, int? retryAfter = null) => new(status, null, description, retryAfter);

    public JsonObject ToJson()
    {
        if (IsOk)
        {
            return new JsonObject { ["ok"] = true, ["result"] = Result };
        }

        var o = new JsonObject { ["ok"] = false, ["error_code"] = Status, ["description"] = Description ?? DefaultDescription(Status) };
        if (RetryAfter is int retry)
        {
            o["parameters"] = new JsonObject { ["retry_after"] = retry };
        }

        return o;
    }

    public static string DefaultDescription(int status) => status switch
    {
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        409 => "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => "Error " + status.ToString(CultureInfo.InvariantCulture),
    };
}
