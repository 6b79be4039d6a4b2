using AsnBot.Data.Complaints;
using AsnBot.Engine;
using AsnBot.Texts;

namespace AsnBot.Complaints;

/// <summary>What the resident sees at each complaint-filing step.</summary>
internal sealed class ComplaintScreens(ComplaintContext context)
{
    private Turn Turn => context.Turn;

    private long Step => context.Session.Step;

    /// <summary>The evidence step's "Lanjut ›" in either language, typed or pressed: any case, the arrow optional.</summary>
    public bool IsContinueLabel(string? text) => IsLabel(text, "complaint.continue");

    /// <summary>"Kembali" typed at the evidence step, whose keyboard is Telegram's reply keyboard (no inline back button).</summary>
    public bool IsBackLabel(string? text) => IsLabel(text, "nav.back");

    private bool IsLabel(string? text, string key) =>
        text is not null && new[] { Language.Id, Language.En }.Any(language =>
            string.Equals(Bare(text), Bare(Turn.Texts.Get(language, key)), StringComparison.OrdinalIgnoreCase));

    public string EvidenceSummary()
    {
        var draft = context.Draft!;
        var location = draft.Latitude is null ? "—" : "✓";
        return Turn.Text("complaint.evidenceSummary", context.PhotoCount(), location);
    }

    public void Show(ComplaintState state)
    {
        switch (state)
        {
            case ComplaintState.ChoosingCategory:
                Turn.Show(Turn.Text("complaint.chooseCategory"), Rows(
                    context.Options.Categories.Select(c => new Button(c.Name(Turn.Language), ButtonPress.Of(ComplaintButtons.Category, Step, c.Code))), 2));
                break;
            case ComplaintState.ChoosingUnit:
                Turn.Show(Turn.Text("complaint.chooseUnit"), Rows(
                    context.Survey.Units.Select(u => new Button(u.Name, ButtonPress.Of(ComplaintButtons.Unit, Step, u.Code)))
                        .Append(new Button(Turn.Text("complaint.otherUnit"), ButtonPress.Of(ComplaintButtons.OtherUnit, Step))), 1, back: true));
                break;
            case ComplaintState.NamingUnit:
                Turn.Show(Turn.Text("complaint.nameUnit", ComplaintFlow.UnitNameLength.Min, ComplaintFlow.UnitNameLength.Max), Rows([], 1, back: true));
                break;
            case ComplaintState.Describing:
                Turn.Show(Turn.Text("complaint.describe", context.Options.MinLength, context.Options.MaxLength), Rows([], 1, back: true));
                break;
            case ComplaintState.AddingEvidence:
                Turn.MayEditPressedMessage = false;
                Turn.Add(new SendText(Turn.Inbound.ChatId, Turn.Text("complaint.evidence", context.Options.MaxPhotos))
                {
                    LocationButton = Turn.Text("complaint.sendLocation"),
                    ContinueButton = Turn.Text("complaint.continue"),
                });
                break;
            case ComplaintState.ChoosingPrivacy:
                Turn.Show(Turn.Text("complaint.choosePrivacy"), Rows(
                    new[] { ComplaintPrivacy.Identified, ComplaintPrivacy.Anonymous, ComplaintPrivacy.Confidential }
                        .Select(p => new Button(Turn.Text($"privacy.{p}"), ButtonPress.Of(ComplaintButtons.Privacy, Step, p))), 1, back: true));
                break;
            case ComplaintState.Reviewing:
                ShowReview();
                break;
            case ComplaintState.ConfirmingCancel:
                Turn.Show(Turn.Text("complaint.confirmCancel"), new Keyboard([[
                    new Button(Turn.Text("cancel.yes"), ButtonPress.Of(ComplaintButtons.CancelYes, Step)),
                    new Button(Turn.Text("cancel.no"), ButtonPress.Of(ComplaintButtons.CancelNo, Step)),
                ]]));
                break;
            case ComplaintState.GivingReopenReason:
                Turn.Send(Turn.Text("complaint.reopenWhy"));
                break;
            default:
                MainMenu.Show(Turn);
                break;
        }
    }

    /// <summary>"Pengaduan belum selesai … Lanjutkan?": the resident turned to something else in the middle of a complaint.</summary>
    public void ShowResumePrompt(ComplaintState state) =>
        Turn.Show(Turn.Text("complaint.resume", StepName(state)), new Keyboard([
            [new Button(Turn.Text("complaint.resumeContinue"), ButtonPress.Of(ComplaintButtons.Resume, Step))],
            [new Button(Turn.Text("complaint.resumeCancel"), ButtonPress.Of(ComplaintButtons.Abandon, Step))],
        ]));

    private string StepName(ComplaintState state) => Turn.Text(state switch
    {
        ComplaintState.ChoosingCategory => "complaint.stepCategory",
        ComplaintState.ChoosingUnit or ComplaintState.NamingUnit => "complaint.stepUnit",
        ComplaintState.Describing => "complaint.stepDescription",
        ComplaintState.AddingEvidence => "complaint.stepEvidence",
        ComplaintState.ChoosingPrivacy => "complaint.stepPrivacy",
        _ => "complaint.stepReview",
    });

    private static string Bare(string label) => label.Replace("›", string.Empty, StringComparison.Ordinal).Replace("‹", string.Empty, StringComparison.Ordinal).Trim();

    private void ShowReview()
    {
        var draft = context.Draft!;
        var views = context.Desk.Views;
        var text = Turn.Text(
            "complaint.review",
            views.Category(Turn.Language, draft.CategoryCode),
            views.Unit(Turn.Language, draft),
            draft.Description,
            EvidenceSummary(),
            Turn.Text($"privacy.{draft.Privacy}"));
        Turn.Show(text, new Keyboard([
            [new Button(Turn.Text("review.submit"), ButtonPress.Of(ComplaintButtons.Submit, Step))],
            [new Button(Turn.Text("nav.back"), ButtonPress.Of(ComplaintButtons.Back, Step))],
        ]));
    }

    private Keyboard Rows(IEnumerable<Button> buttons, int perRow, bool back = false)
    {
        var rows = buttons.Chunk(perRow).Select(chunk => (IReadOnlyList<Button>)chunk).ToList();
        if (back)
        {
            rows.Add([new Button(Turn.Text("nav.back"), ButtonPress.Of(ComplaintButtons.Back, Step))]);
        }

        return new Keyboard(rows);
    }
}
