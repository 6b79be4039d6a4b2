namespace AsnBot.Rounds;

/// <summary>A round change that breaks a rule; <see cref="Key"/> names the explanation in the text catalog.</summary>
public sealed class RoundRefusedException(string key, params object?[] arguments) : Exception(key)
{
    public string Key { get; } = key;

    public IReadOnlyList<object?> Arguments { get; } = arguments;
}
