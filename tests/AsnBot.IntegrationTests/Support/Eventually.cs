namespace AsnBot.IntegrationTests.Support;

/// <summary>Waits for something the bot does in the background (a commit, a delivery) to become true.</summary>
public static class Eventually
{
    public static async Task True(Func<bool> condition, int seconds = 20)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"The condition did not hold within {seconds} s.");
            await Task.Delay(50);
        }
    }
}
