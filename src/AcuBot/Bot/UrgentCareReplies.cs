using AcuBot.Bot.Safety;
using AcuBot.Options;
using Microsoft.Extensions.Options;

namespace AcuBot.Bot;

/// <summary>The reply to a red flag: who to call now (or which doctor to see today), then how to reach the clinic later.</summary>
public sealed class UrgentCareReplies(IOptionsMonitor<ClinicOptions> clinic)
{
    public BotReply For(RedFlagMatch match)
    {
        var options = clinic.CurrentValue;
        var text = match.Category switch
        {
            RedFlagCategory.Crisis =>
                $"**Please reach out for support right now.** If you are thinking about suicide or harming yourself, call or text " +
                $"**{options.CrisisLine}** to talk with someone straight away, or call **{options.EmergencyNumber}** if you are in immediate danger. " +
                "You don't have to go through this alone.",
            // Weight loss or a past cancer with back pain is not a 911 call, but it is not for acupuncture first either.
            RedFlagCategory.Urgent =>
                "**Please see a doctor about this today.** Back pain with signs like these needs a doctor's assessment soon: call your " +
                $"doctor's office or go to an urgent care centre today, before any acupuncture. If it suddenly gets worse, call **{options.EmergencyNumber}**.",
            _ =>
                $"**This could be a medical emergency.** Please call **{options.EmergencyNumber}** now or go to the nearest emergency " +
                "department. Don't wait for an answer here, and don't drive yourself if you feel unwell.",
        };
        text += $"\n\nI'm an automated assistant and can't assess symptoms. When you are safe, you can reach {options.Name}: " +
                $"{options.ContactSentence()}.";
        return new BotReply(ReplyKind.Urgent, text) { RedFlagRule = match.Description };
    }

    /// <summary>The rule a message in another language is logged under (<see cref="UnreadableMessage"/>).</summary>
    public const string UnreadableRule = "A message in a language the bot cannot read (a precaution)";

    /// <summary>
    /// The reply to a message the bot cannot read (<see cref="UnreadableMessage"/>): it may be an emergency, so
    /// the numbers come first, with the word for emergency in the languages patients write in most, and then
    /// how to ask again.
    /// </summary>
    public BotReply ForUnreadable()
    {
        var options = clinic.CurrentValue;
        var text = "**I can only read English, and I could not understand your message.** If this is an emergency, call " +
                   $"**{options.EmergencyNumber}** now or go to the nearest emergency department. If you are thinking about suicide or " +
                   $"harming yourself, call or text **{options.CrisisLine}**.\n\n" +
                   $"Emergencia · Emergência · Urgence · Notfall · Emergenza · Nagły wypadek: **{options.EmergencyNumber}**\n\n" +
                   $"Otherwise, please write your question in English, or contact {options.Name}: {options.ContactSentence()}.";
        return new BotReply(ReplyKind.Urgent, text) { RedFlagRule = UnreadableRule };
    }

    /// <summary>
    /// The urgent guidance first, then the ordinary reply below it: for a red flag that only the
    /// meaning-based net saw, so that a false alarm still answers the question. A fallback adds nothing.
    /// </summary>
    public BotReply Before(BotReply reply, RedFlagMatch match)
    {
        var urgent = For(match);
        if (reply.Kind is ReplyKind.Fallback or ReplyKind.Urgent) return urgent;
        return urgent with
        {
            Text = urgent.Text + "\n\n---\n\nIf you were asking something else, this may help:\n\n" + reply.Text,
            SectionTitle = reply.SectionTitle,
            SourceFile = reply.SourceFile,
            Confidence = reply.Confidence,
            Suggestions = reply.Suggestions,
        };
    }
}
