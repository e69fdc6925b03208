/**
 * Accessibility checks for the e2e suite (F17): axe-core over the page as it stands, failing
 * on any serious or critical violation, and a page opened in a chosen language and theme.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

/** Runs axe-core (WCAG 2.1 A and AA) and fails with a readable list of serious/critical violations. */
export async function expectNoSeriousViolations(page: Page, where: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const report = serious.flatMap((v) =>
    v.nodes.slice(0, 5).map((n) => `${v.id} (${v.impact}) ${n.target.join(' ')}: ${n.failureSummary ?? ''}`),
  );
  // Soft: one run lists every screen's violations, not only the first.
  expect.soft(report, `axe on ${where}`).toEqual([]);
}

/** Opens the app with a language and a colour scheme chosen before the first render. */
export async function openIn(page: Page, url: string, language: 'en' | 'lv', theme: 'light' | 'dark'): Promise<void> {
  await page.addInitScript(
    ([lang, scheme]) => {
      window.localStorage.setItem('credit-desk.language', lang);
      window.localStorage.setItem('mantine-color-scheme-value', scheme);
    },
    [language, theme] as const,
  );
  await page.goto(url);
  await expect(page.locator('html')).toHaveAttribute('data-mantine-color-scheme', theme);
  await expect(page.locator('html')).toHaveAttribute('lang', language);
}

/** Waits until no list or preview is loading. */
export async function settle(page: Page): Promise<void> {
  await expect(page.locator('.mantine-Loader-root')).toHaveCount(0);
}
