using Orchestrator.ApiServer.Proxy;

namespace Orchestrator.ApiServer.Tests.Proxy;

/// <summary>The URL attributes of an HTML page rewritten (upstream's atomsToAttrs), everything else byte for byte.</summary>
public sealed class HtmlUrlAttributesTests
{
    private static readonly ProxyUrlRewriter Rewriter = new("/p", "10.0.0.5:80", "api:6443");

    [Theory]
    [InlineData("<a href=\"/x\">x</a>", "<a href=\"/p/x\">x</a>")]
    [InlineData("<A HREF='/x' class=y>", "<A HREF='/p/x' class=y>")]
    [InlineData("<img src=/i.png alt=\"/not-a-url\">", "<img src=/p/i.png alt=\"/not-a-url\">")]
    [InlineData("<form method=post action=\"/submit\"><input formaction=/go></form>", "<form method=post action=\"/p/submit\"><input formaction=/p/go></form>")]
    [InlineData("<link rel=stylesheet href=\"style.css\">", "<link rel=stylesheet href=\"style.css\">")]
    [InlineData("<a href=\"/q?a=1&amp;b=2\">", "<a href=\"/p/q?a=1&amp;b=2\">")]
    [InlineData("<div data-href=\"/x\" href=\"/x\">", "<div data-href=\"/x\" href=\"/x\">")]
    [InlineData("<br/><a\nhref = \"/x\" >", "<br/><a\nhref = \"/p/x\" >")]
    public void Url_valued_attributes_of_listed_tags_are_rewritten(string html, string expected) =>
        Assert.Equal(expected, HtmlUrlAttributes.Rewrite(html, Rewriter.Rewrite));

    [Theory]
    [InlineData("<!-- <a href=\"/x\"> --><p>1 < 2</p>")]
    [InlineData("<!DOCTYPE html><html><body>text</body></html>")]
    [InlineData("<script>if (a<b) { s = '<a href=\"/x\">'; }</script>")]
    [InlineData("<style>a[href=\"/x\"] { color: red }</style>")]
    [InlineData("trailing <")]
    public void Comments_doctype_script_and_style_text_and_stray_brackets_are_copied(string html) =>
        Assert.Equal(html, HtmlUrlAttributes.Rewrite(html, Rewriter.Rewrite));
}
