using System.Globalization;
using System.Text;
using Emulator = AsnBot.BotApiEmulator.BotApiEmulator;

namespace AsnBot.Bench.Support;

/// <summary>With --detail: latency per survey step and the Bot API calls the bot made, to see where time goes.</summary>
public static class StepReport
{
    public static void Write(IEnumerable<(int Step, double Ms)> perStep, Emulator emulator)
    {
        ArgumentNullException.ThrowIfNull(emulator);
        var text = new StringBuilder("    step: p50 / p99 / max ms\n");
        foreach (var group in perStep.GroupBy(p => p.Step).OrderBy(g => g.Key))
        {
            var values = group.Select(g => g.Ms).ToArray();
            text.Append(CultureInfo.InvariantCulture, $"    {group.Key,2}: {Percentiles.Of(values, 50),7:0.0} / {Percentiles.Of(values, 99),7:0.0} / {values.Max(),7:0.0}").AppendLine();
        }

        var calls = emulator.Calls;
        text.Append("    calls: ").AppendJoin(", ", calls.GroupBy(c => c.Method + " " + c.StatusCode).Select(g => g.Key + " ×" + g.Count().ToString(CultureInfo.InvariantCulture)));
        Console.Error.WriteLine(text.ToString());
    }
}
