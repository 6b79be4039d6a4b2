using System.Text.Json;
using AsnBot.Engine;

namespace AsnBot.Delivery;

/// <summary>How outbound actions are stored in the outbox payload column.</summary>
public static class OutboundJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static string Serialize(Outbound outbound) => JsonSerializer.Serialize(outbound, Options);

    public static Outbound Deserialize(string payload) =>
        JsonSerializer.Deserialize<Outbound>(payload, Options)
            ?? throw new InvalidDataException("An outbox payload was empty.");

    public static string Kind(Outbound outbound) => outbound switch
    {
        SendText => "send",
        EditText => "edit",
        AnswerButton => "answer",
        SendDocument => "document",
        SendPhoto => "photo",
        _ => throw new ArgumentOutOfRangeException(nameof(outbound), outbound.GetType().Name, "Unknown outbound kind."),
    };
}
