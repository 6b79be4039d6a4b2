using System.Globalization;

namespace AsnBot.Engine;

/// <summary>
/// The length a resident sees: user-perceived characters (text elements), so an emoji or a letter with a
/// combining accent counts once, not as two or more UTF-16 units. Every limit shown or enforced uses this.
/// </summary>
public static class TextLength
{
    public static int Of(string text) => new StringInfo(text).LengthInTextElements;
}
