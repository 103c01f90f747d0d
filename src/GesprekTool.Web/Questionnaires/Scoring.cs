namespace GesprekTool.Questionnaires;

/// <summary>One rule that fired for one answer: what it counts towards, how much, and why.</summary>
public sealed record ScoredItem(string QuestionKey, ScoreScale Scale, int Weight, string Label);

/// <summary>
/// A conversation's draaglast and draagkracht, and its band. Without a band (<see cref="Band"/> is
/// null) the conversation is "onvoldoende gegevens" and <see cref="WhyNoBand"/> says why.
/// </summary>
public sealed record ConversationScore(
    int Draaglast, int Draagkracht, Band? Band, int ScoredQuestions, string? WhyNoBand, IReadOnlyList<ScoredItem> Items)
{
    public int Balance => Draagkracht - Draaglast;

    public const string InsufficientDataLabel = "Onvoldoende gegevens";

    public string BandLabel => Band?.Label ?? InsufficientDataLabel;
}

/// <summary>
/// Scores a conversation from the rules in its questionnaire file (data, not code). Only questions
/// that apply (skip logic) and were answered count. Too few answered scored questions gives no band
/// rather than a guess; see docs/draaglast-draagkracht.md.
/// </summary>
public static class Scoring
{
    public static ConversationScore Score(Questionnaire questionnaire, IReadOnlyDictionary<string, string> answers)
    {
        if (questionnaire.Scoring is null)
        {
            return new ConversationScore(0, 0, null, 0,
                $"Versie {questionnaire.Version} van de vragenlijst heeft geen scoreregels; gesprekken met deze versie krijgen geen score.", []);
        }
        var scored = questionnaire.Questions
            .Where(q => q.Scoring.Count > 0 && SkipLogic.Applies(questionnaire, q, answers))
            .Where(q => answers.TryGetValue(q.Key, out var value) && !string.IsNullOrWhiteSpace(value))
            .ToList();
        var items = scored
            .SelectMany(q => q.Scoring.Where(rule => rule.When.IsMetBy(answers[q.Key]))
                .Select(rule => new ScoredItem(q.Key, rule.Scale, rule.Weight, rule.Label ?? q.Text.Dutch)))
            .ToList();
        var draaglast = items.Where(i => i.Scale == ScoreScale.Draaglast).Sum(i => i.Weight);
        var draagkracht = items.Where(i => i.Scale == ScoreScale.Draagkracht).Sum(i => i.Weight);
        var minimum = questionnaire.Scoring.MinimumScoredQuestions;
        if (scored.Count < minimum)
        {
            return new ConversationScore(draaglast, draagkracht, null, scored.Count,
                $"Onvoldoende gegevens: {scored.Count} van de minimaal {minimum} vragen die meetellen zijn beantwoord.", items);
        }
        return new ConversationScore(draaglast, draagkracht, BandFor(questionnaire.Scoring, draagkracht - draaglast), scored.Count, null, items);
    }

    /// <summary>The first band whose bound the balance is below; the last band (no bound) catches the rest.</summary>
    public static Band BandFor(ScoringRules rules, int balance) =>
        rules.Bands.FirstOrDefault(b => b.BalanceBelow is { } bound && balance < bound) ?? rules.Bands.Last(b => b.BalanceBelow is null);
}
