namespace AsnBot.Engine;

/// <summary>What a resident with nothing open is offered: the survey, a complaint, their complaints.</summary>
internal static class MainMenu
{
    public const string Action = "M";
    public const string Survey = "survey";
    public const string Report = "report";
    public const string Status = "status";

    public static void Show(Turn turn) =>
        turn.Show(turn.Text("idle"), new Keyboard([
            [new Button(turn.Text("menu.survey"), ButtonPress.Of(Action, Survey))],
            [new Button(turn.Text("menu.report"), ButtonPress.Of(Action, Report))],
            [new Button(turn.Text("menu.status"), ButtonPress.Of(Action, Status))],
        ]));
}
