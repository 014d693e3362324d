import type { Locator, Page } from '@playwright/test';

/**
 * The number shown in an element, e.g. "1,234.5" → 1234.5 or d3's "−0.02" (U+2212 minus) →
 * -0.02; NaN when it is not a number.
 */
export async function numberIn(locator: Locator): Promise<number> {
  const text = (await locator.textContent()) ?? '';
  return Number(
    text
      .replace(/,/g, '')
      .replace(/\u2212/g, '-')
      .trim(),
  );
}

/** Types a number into the input with this test id. */
export async function setNumber(page: Page, testid: string, value: number): Promise<void> {
  await page.getByTestId(testid).fill(String(value));
}
