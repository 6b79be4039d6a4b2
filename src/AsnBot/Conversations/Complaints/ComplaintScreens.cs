using AsnBot.Data.Complaints;
using AsnBot.Texts;

namespace AsnBot.Conversations.Complaints;

/// <summary>What the resident sees at each complaint-filing step.</summary>
internal sealed class ComplaintScreens(ComplaintContext context)
{
    private Turn Turn => context.Turn;

    private long Step => context.Session.Step;

    public bool IsContinueLabel(string? text) =>
        text is not null && (text == Turn.Texts.Get(Language.Id, "complaint.continue") || text == Turn.Texts.Get(Language.En, "complaint.continue"));

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
                    context.Survey.Units.Select(u => new Button(u.Name, ButtonPress.Of(ComplaintButtons.Unit, Step, u.Code))), 1, back: true));
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

    private void ShowReview()
    {
        var draft = context.Draft!;
        var views = context.Desk.Views;
        var text = Turn.Text(
            "complaint.review",
            views.Category(Turn.Language, draft.CategoryCode),
            views.Unit(draft.UnitCode),
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
