import { readArg, type ShortcodeDefinition } from './shortcode-call.js';

const drop: ShortcodeDefinition = { render: () => '' };

/**
 * Interactive page furniture with no meaning in Markdown: navigation buttons, icons, landing
 * cards, forms. Dropped, or reduced to the link they point at (NOTES.md §2.2).
 */
export const widgetShortcodes: Record<string, ShortcodeDefinition> = {
  icon: drop,
  'guide-buttons': drop,
  home: drop,
  'home-fixed': drop,
  'home/table': drop,
  'home/links-github': drop,
  'home/links-blog': drop,
  'home/links-ddev': drop,
  'home/links-blackfire': drop,
  'home/links-youtube': drop,
  'frameworks-landing': drop,
  'get-started/next-button': drop,
  'get-started/choose-stack': drop,
  'onboarding-table': drop,
  'devrel-sponsored-sites-form': drop,
  asciinema: drop,
  'new-feature/add-on': drop,
  'new-feature/tiered': drop,
  'premium-features/add-on': drop,
  'community-buttons': { render: (_call, env) => `[Join us in the Community Forum](${env.site.vendor.urls.community ?? ''})` },
  youtube: { render: (call) => `[Video](https://www.youtube.com/watch?v=${readArg(call, 0) ?? readArg(call, 'id') ?? ''})` },
  video: { render: (call) => `[Video](${readArg(call, 'src') ?? ''})` },
};
