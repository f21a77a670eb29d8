using AcuBot.Tests.Support;

namespace AcuBot.Tests.Security;

/// <summary>
/// Issue 11, Low 11: raw HTML in a knowledge file reached the widget in the answer's Markdown, so an
/// external image was loaded by every page embedding the widget without a policy of its own.
/// </summary>
public class KnowledgeHtmlTests
{
    [Theory]
    [InlineData("parking.md", """
        # Parking at the clinic

        Patients can park <img src="https://tracker.example/pixel.gif"> in the courtyard behind the building.
        <a href="https://evil.example/login" onclick="steal()">Free parking</a> is available after 5pm.
        <script>alert(1)</script>
        """)]
    [InlineData("parking.txt", """
        Parking at the clinic

        Patients can park <img src="https://tracker.example/pixel.gif"
        width="1"> in the courtyard behind the building. <a href="https://evil.example/login">Free parking</a> is available after 5pm.
        """)]
    public async Task Raw_html_in_a_knowledge_file_is_not_in_the_answer(string fileName, string document)
    {
        var folder = Directory.CreateTempSubdirectory("acubot-html-");
        try
        {
            File.WriteAllText(Path.Combine(folder.FullName, fileName), document);
            await using var server = await BotServer.StartAsync($"--Knowledge:Folder={folder.FullName}", "--Knowledge:WatchForChanges=false");

            var reply = Assert.Single(await server.Client.ExpectRepliesAsync(EmulatorActivity.ExpectReplies("Where can I park at the clinic?")));

            var text = reply.Text();
            Assert.Contains("in the courtyard behind the building", text);
            Assert.DoesNotContain("<", text);
            Assert.DoesNotContain("tracker.example", text);
            Assert.DoesNotContain("evil.example", text);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
