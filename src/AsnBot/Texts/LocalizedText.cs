using System.Text.Json.Serialization;

namespace AsnBot.Texts;

/// <summary>A string in both languages, as surveys and configuration carry it.</summary>
public sealed record LocalizedText
{
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    [JsonPropertyName("en")]
    public required string En { get; init; }

    public string In(Language language) => language == Language.En ? En : Id;
}
