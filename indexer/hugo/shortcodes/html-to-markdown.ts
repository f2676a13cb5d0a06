/**
 * Turn the HTML some shortcode templates emit into Markdown a search index can use. Only known
 * tag names are touched, so placeholders such as `<APP_NAME>` or `<VERSION>` survive, and
 * fenced code blocks pass through unchanged.
 */
export function convertHtmlToMarkdown(html: string): string {
  let text = html
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<(style|script|svg)\b[^>]*>[\s\S]*?<\/\1>/gi, '')
    .replace(
      /<div class="highlight">\s*<pre[^>]*>\s*<code(?:[^>]*data-lang="([^"]*)")?[^>]*>([\s\S]*?)<\/code>\s*<\/pre>\s*<\/div>/g,
      (_match, lang: string | undefined, code: string) => `\n\n\`\`\`${lang ?? ''}\n${decodeEntities(code).replace(/\\-/g, '-').replace(/\n+$/, '')}\n\`\`\`\n\n`,
    );
  const parts = text.split(/(^ {0,3}```[^\n]*\n[\s\S]*?^ {0,3}```[ \t]*$)/m);
  text = parts.map((part, index) => (index % 2 === 1 ? part : convertProse(part))).join('');
  return text.replace(/\n{3,}/g, '\n\n').trim();
}

const BLOCK_TAGS = 'p|div|ul|ol|table|thead|tbody|tr|section|button|center';

function convertProse(html: string): string {
  const text = html
    .replace(/<h([1-6])\b[^>]*>([\s\S]*?)<\/h\1>/g, (_match, level: string, inner: string) => `\n\n${'#'.repeat(Number(level))} ${inner.trim()}\n\n`)
    .replace(/<a\b[^>]*?href\s*=\s*"([^"]*)"[^>]*>([\s\S]*?)<\/a>/g, (_match, href: string, inner: string) => `[${inner.trim()}](${href})`)
    .replace(/<\/?(?:strong|b)>/g, '**')
    .replace(/<\/?(?:em|i)>/g, '_')
    .replace(/<\/?code>/g, '`')
    .replace(/<br\s*\/?>/g, '\n')
    .replace(/<li\b[^>]*>/g, '\n- ')
    .replace(/<\/li>/g, '\n')
    .replace(/<(?:td|th)\b[^>]*>/g, ' | ')
    .replace(new RegExp(`</?(?:${BLOCK_TAGS})\\b[^>]*>`, 'g'), '\n\n')
    .replace(/<\/?(?:span|img|var|td|th|input|label|small|sup|sub|video|source|path|g)\b[^>]*>/g, '');
  return decodeEntities(text)
    .split('\n')
    .map((line) => line.replace(/^[ \t]+(?!- )/, '').replace(/^[ \t]+- /, '- ').replace(/[ \t]+$/, ''))
    .join('\n')
    .replace(/^- *\n+(?=\S)/gm, '- ');
}

function decodeEntities(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&colon;/g, ':')
    .replace(/&amp;/g, '&');
}
