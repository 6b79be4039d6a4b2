namespace AsnBot.Rounds;

/// <summary>The round wizard's answers so far, kept as JSON in the admin session row (property names are stored).</summary>
internal sealed class RoundWizardDraft
{
    public string Name { get; set; } = string.Empty;

    public DateOnly Opens { get; set; }

    public DateOnly Closes { get; set; }

    public List<string> Units { get; set; } = [];
}
