import type { PromptMessage } from '@modelcontextprotocol/server';

export function userText(text: string): PromptMessage {
  return { role: 'user', content: { type: 'text', text } };
}

/** What a docs section needs to travel as an embedded resource. */
export interface EmbeddableSection {
  /** `upsun-docs://…#anchor`: the resource the section can be read back from. */
  uri: string;
  title: string;
  url: string;
  markdown: string;
}

/**
 * A docs section as an embedded resource (MCP spec, prompts "Embedded resources"), headed by its title
 * and public URL so the model can cite it even where the host shows only the text.
 */
export function sectionMessage(section: EmbeddableSection): PromptMessage {
  return {
    role: 'user',
    content: {
      type: 'resource',
      resource: { uri: section.uri, mimeType: 'text/markdown', text: `# ${section.title}\nSource: ${section.url}\n\n${section.markdown}` },
    },
  };
}
