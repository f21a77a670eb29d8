using AcuBot.Bot;

namespace AcuBot.Tests.Bot;

public class ButtonLabelTests
{
    [Theory]
    [InlineData("Understanding the Risks Associated with Acupuncture", "Risks")]
    [InlineData("What to Expect During an Acupuncture Session", "What to expect")]
    [InlineData("Benefits of Acupuncture for Back Pain", "Benefits")]
    [InlineData("Who Can Benefit from Acupuncture?", "Who can benefit")]
    [InlineData("Final Thoughts on Acupuncture for Back Pain", "Final thoughts")]
    [InlineData("Understanding Acupuncture and Its Approach to Back Pain", "Acupuncture")]
    [InlineData("What are the risks of acupuncture?", "What are the risks")]
    [InlineData("Tell me more", "Tell me more")]
    [InlineData("Does acupuncture hurt?", "Does acupuncture hurt?")]
    public void Long_titles_get_their_head_words(string title, string label) => Assert.Equal(label, ButtonLabel.For(title));

    [Theory]
    [InlineData("Discover How Acupuncture Can Alleviate Back Pain: Explore Benefits, Risks, and Treatment Choices")]
    [InlineData("Supercalifragilisticexpialidocious treatments nobody has heard of before")]
    [InlineData("Ask your GP whether acupuncture suits your long-standing condition")]
    public void Every_label_fits_a_phone_button(string title)
    {
        var label = ButtonLabel.For(title);

        Assert.InRange(label.Length, 1, ButtonLabel.MaxLength);
    }
}
