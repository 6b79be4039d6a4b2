namespace AsnBot.IntegrationTests.Reliability;

/// <summary>
/// The tests that SIGKILL bots every few seconds under hundreds of residents run alone, not beside another test class:
/// each loads both cores on its own, and two at once starve the bots they restart until residents give up waiting.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class KillStorms
{
    public const string Name = "Kill storms";
}
