/// <reference lib="dom" />
// (DOM types: the evaluate callbacks below run in the page.)
// Drives the real VS Code workbench in the browser the way a person does: the command palette,
// quick picks, the activity bar, tree views, output channels, the Problems panel and the
// suggest widget. Every wait is bounded and says what it waited for when it times out.
import type { Locator, Page } from 'playwright-core';

/** A tree description that says a container runs: "healthy" replaces "running" once its probe passes. */
export const RUNNING = /^(running|healthy)\b/;

/** Polls check() until it gives a value, at most timeoutMs; an error named StopWaiting ends it at once. */
export async function waitUntil<T>(what: string | (() => string), check: () => Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (error) {
      if (error instanceof Error && error.name === 'StopWaiting') throw error;
      lastError = error; // the DOM changes under us while the workbench renders; retry
    }
    if (Date.now() > deadline) {
      const cause = lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${typeof what === 'function' ? what() : what}${cause}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Text as VS Code renders it (non-breaking spaces in editors), trimmed at the end. */
function plain(text: string): string {
  return text.replace(/\u00a0/g, ' ').trimEnd();
}

export class Workbench {
  constructor(readonly page: Page) {}

  async waitForWorkbench(timeoutMs = 60_000): Promise<void> {
    await this.page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: timeoutMs });
  }

  /** The startup Workspace Trust dialog, if it is shown; true when it was there and answered. */
  async answerTrustDialog(trust: boolean, timeoutMs = 15_000): Promise<boolean> {
    const label = trust ? 'Yes, I trust the authors' : "No, I don't trust the authors";
    const button = this.page.locator('.monaco-dialog-box .monaco-button', { hasText: label });
    try {
      await button.waitFor({ state: 'visible', timeout: timeoutMs });
    } catch {
      return false;
    }
    await button.click();
    await this.page.locator('.monaco-dialog-box').waitFor({ state: 'detached', timeout: timeoutMs });
    return true;
  }

  private quickInput(): Locator {
    return this.page.locator('.quick-input-widget .quick-input-box input');
  }

  private async openQuickInput(prefix: string): Promise<Locator> {
    const input = this.quickInput();
    // F1 reaches the workbench only when the page has keyboard focus somewhere inside it: click
    // the activity bar's empty middle (no item there, and the editor's cursor stays put).
    if (!(await input.isVisible())) {
      const activityBar = this.page.locator('.part.activitybar');
      const box = await activityBar.boundingBox();
      if (box) await activityBar.click({ position: { x: box.width / 2, y: box.height * 0.6 } }).catch(() => undefined);
      await this.page.keyboard.press('F1');
    }
    await input.waitFor({ state: 'visible', timeout: 10_000 });
    await input.fill(prefix);
    return input;
  }

  /** Labels of the rows the open quick input shows. */
  async quickPickLabels(): Promise<string[]> {
    const rows = this.page.locator('.quick-input-widget .quick-input-list .monaco-list-row');
    // A row's aria-label is its label, then ", <description or keybinding>" if it has one.
    const labels = await rows.evaluateAll((elements) =>
      elements
        .map((row) => ({ top: parseFloat((row as HTMLElement).style.top || '0'), label: row.querySelector('.label-name')?.textContent ?? row.getAttribute('aria-label') ?? '' }))
        .sort((a, b) => a.top - b.top)
        .map((row) => row.label),
    );
    return labels.map((label) => plain(label).trim());
  }

  /**
   * Types into the open quick input (`typed`, by default the label) and accepts the row whose
   * label is exactly `label`. Typing again while no row matches: the palette may still be
   * loading its commands when the first text arrives.
   */
  async pickQuickItem(label: string, typed = label, timeoutMs = 10_000): Promise<void> {
    const input = this.quickInput();
    await input.waitFor({ state: 'visible', timeout: timeoutMs });
    const rows = this.page.locator('.quick-input-widget .quick-input-list .monaco-list-row');
    let offered: string[] = [];
    await waitUntil(
      () => `quick pick item "${label}" (offered: ${JSON.stringify(offered)})`,
      async () => {
        offered = await this.quickPickLabels();
        // Mark the matching row, so the click below hits exactly it.
        const marked = await rows.evaluateAll((elements, wanted) => {
          elements.forEach((element) => element.removeAttribute('data-e2e-pick')); // rows are recycled
          const row = elements.find((element) => (element.querySelector('.label-name')?.textContent ?? '').replace(/\u00a0/g, ' ').trim() === wanted);
          row?.setAttribute('data-e2e-pick', 'yes');
          return row !== undefined;
        }, label);
        if (marked) return true;
        await input.fill('');
        await input.pressSequentially(typed, { delay: 5 });
        await this.page.waitForTimeout(300);
        return undefined;
      },
      timeoutMs,
    );
    await this.page.locator('.quick-input-widget .monaco-list-row[data-e2e-pick="yes"]').first().click();
  }

  /** Runs a palette command by its full title, e.g. "Flotilla: Up". */
  async runCommand(title: string, timeoutMs = 10_000): Promise<void> {
    await this.openQuickInput('>');
    await this.pickQuickItem(title, `>${title}`, timeoutMs).catch((error: Error) => {
      throw new Error(`command "${title}" not found in the palette: ${error.message}`);
    });
  }

  async isQuickInputOpen(): Promise<boolean> {
    return this.quickInput().isVisible();
  }

  /** Accepts the preselected item of follow-up questions (e.g. Show Logs' "Follow, last 200 lines") until none is asked. */
  async acceptFollowUpQuickPicks(maxQuestions = 3): Promise<void> {
    for (let question = 0; question < maxQuestions; question += 1) {
      await this.page.waitForTimeout(700); // a follow-up question opens right after the previous one closes
      if (!(await this.isQuickInputOpen())) return;
      await this.page.keyboard.press('Enter');
    }
  }

  /** Opens a view container from the activity bar by its title (e.g. "Flotilla"). */
  async openViewContainer(title: string, timeoutMs = 20_000): Promise<void> {
    const entry = this.page.locator('.activitybar .action-item[role="tab"]', { has: this.page.locator(`a[aria-label^="${title}"]`) }).first();
    await entry.waitFor({ state: 'visible', timeout: timeoutMs });
    if ((await entry.getAttribute('aria-selected')) !== 'true') await entry.click();
    await waitUntil(`the "${title}" view container to open`, async () => ((await entry.getAttribute('aria-selected')) === 'true' ? true : undefined), timeoutMs);
  }

  /** A view's pane (e.g. "Services") inside the open side bar, found by its header. */
  viewPane(viewTitle: string): Locator {
    const header = this.page.locator(`.pane-header[aria-label^="${viewTitle} Section"], .pane-header[aria-label*="Section: ${viewTitle}"]`);
    return this.page.locator('.part.sidebar .pane', { has: header });
  }

  /** Rows of a tree view, in display order, with their depth. */
  async readTree(viewTitle: string): Promise<TreeRow[]> {
    const rows = this.viewPane(viewTitle).locator('.monaco-list-row[role="treeitem"]');
    return rows.evaluateAll((elements) =>
      elements
        .map((row) => ({
          top: parseFloat((row as HTMLElement).style.top || '0'),
          level: Number(row.getAttribute('aria-level') ?? '1'),
          label: (row.querySelector('.label-name')?.textContent ?? '').replace(/\u00a0/g, ' ').trim(),
          description: (row.querySelector('.label-description')?.textContent ?? '').replace(/\u00a0/g, ' ').trim(),
          expanded: row.getAttribute('aria-expanded'),
        }))
        .sort((a, b) => a.top - b.top)
        .map(({ level, label, description, expanded }) => ({ level, label, description, expandable: expanded !== null, expanded: expanded === 'true' })),
    );
  }

  /** Expands every collapsed node of a tree view (bounded), so nested items render. */
  async expandTree(viewTitle: string): Promise<void> {
    for (let round = 0; round < 20; round += 1) {
      const collapsed = this.viewPane(viewTitle).locator('.monaco-list-row[role="treeitem"][aria-expanded="false"]');
      if ((await collapsed.count()) === 0) return;
      await collapsed.first().locator('.monaco-tl-twistie').click();
    }
  }

  /**
   * Waits until the tree shows an item: `label` is a node's label or a path of labels from the
   * root (e.g. "web/web-1/app"); the description must start with `descriptionPrefix` if given.
   */
  async waitForTreeItem(viewTitle: string, label: string, descriptionPrefix?: string | RegExp, timeoutMs = 30_000): Promise<TreeRow> {
    let seen: TreeRow[] = [];
    return waitUntil(
      () =>
        `tree item "${label}"${descriptionPrefix ? ` with description ${typeof descriptionPrefix === 'string' ? `starting "${descriptionPrefix}"` : `matching ${descriptionPrefix}`}` : ''} in ${viewTitle} (seen: ${JSON.stringify(seen.map(describeRow))})`,
      async () => {
        await this.expandTree(viewTitle);
        seen = await this.readTree(viewTitle);
        return findTreeRow(seen, label, descriptionPrefix);
      },
      timeoutMs,
    );
  }

  /** Shows an output channel through "Output: Show Output Channels..." and returns its text. */
  async readOutputChannel(name: string): Promise<string> {
    await this.runCommand('Output: Show Output Channels...');
    await this.pickQuickItem(name);
    const lines = this.page.locator('.part.panel .output-view .view-lines .view-line');
    await lines.first().waitFor({ state: 'attached', timeout: 10_000 });
    return this.readEditorLines(lines);
  }

  /** Waits until an output channel's text matches. */
  async waitForOutput(name: string, pattern: RegExp, timeoutMs = 30_000): Promise<string> {
    let text = '';
    return waitUntil(
      () => `output channel "${name}" to match ${pattern} (last text: ${JSON.stringify(text.slice(-400))})`,
      async () => {
        text = await this.readOutputChannel(name);
        return pattern.test(text) ? text : undefined;
      },
      timeoutMs,
    );
  }

  private async readEditorLines(lines: Locator): Promise<string> {
    const ordered = await lines.evaluateAll((elements) =>
      elements
        .map((line) => ({ top: parseFloat((line as HTMLElement).style.top || '0'), text: line.textContent ?? '' }))
        .sort((a, b) => a.top - b.top)
        .map((line) => line.text),
    );
    return ordered.map(plain).join('\n');
  }

  /** Rows of the Problems panel (shown first if it is not): the message and its "[Ln N, Col M]" location. */
  async readProblems(): Promise<string[]> {
    const panel = this.page.locator('.part.panel .markers-panel');
    if (!(await panel.isVisible())) await this.runCommand('Problems: Focus on Problems View');
    const rows = panel.locator('.monaco-list-row');
    return (await rows.evaluateAll((elements) => elements.map((row) => row.textContent ?? ''))).map((text) => plain(text).replace(/\s+/g, ' '));
  }

  async waitForProblem(pattern: RegExp, timeoutMs = 30_000): Promise<string> {
    let rows: string[] = [];
    return waitUntil(
      () => `a problem matching ${pattern} (Problems shows: ${JSON.stringify(rows)})`,
      async () => {
        rows = await this.readProblems();
        return rows.find((row) => pattern.test(row));
      },
      timeoutMs,
    );
  }

  /** Opens a workspace file by name through Quick Open and waits for its editor. */
  async openFile(name: string): Promise<void> {
    await this.openQuickInput('');
    await this.pickQuickItem(name);
    await this.page.locator(`.part.editor .tab[aria-label^="${name}"]`).first().waitFor({ state: 'visible', timeout: 10_000 });
    await this.activeEditor().click({ position: { x: 200, y: 10 } });
  }

  activeEditor(): Locator {
    return this.page.locator('.part.editor .editor-instance .monaco-editor').first();
  }

  /** Puts the cursor at the end of a 1-based line of the active editor (Go to Line). */
  async goToLineEnd(line: number): Promise<void> {
    await this.runCommand('Go to Line/Column...');
    await this.quickInput().fill(`:${line}`);
    await this.page.keyboard.press('Enter');
    await this.page.keyboard.press('End');
  }

  /**
   * Ctrl+Space at the cursor; returns every label the suggest widget offers, paging through it
   * because the list renders only its visible rows.
   */
  async triggerCompletion(timeoutMs = 15_000): Promise<string[]> {
    const labels = this.page.locator('.editor-widget.suggest-widget.visible .monaco-list-row .label-name');
    const readLabels = async () => (await labels.allInnerTexts()).map(plain).filter((text) => text.length > 0);
    if ((await labels.count()) > 0) await this.page.keyboard.press('Escape'); // start from a fresh list
    const first = await waitUntil(
      'the suggest widget to list items',
      async () => {
        if ((await labels.count()) === 0) {
          await this.page.keyboard.press('Control+Space');
          await this.page.waitForTimeout(500);
        }
        const texts = await readLabels();
        return texts.length > 0 ? texts : undefined;
      },
      timeoutMs,
    );
    const all = new Set(first);
    let unchangedPages = 0;
    for (let page = 0; page < 30 && unchangedPages < 2; page += 1) {
      const before = all.size;
      await this.page.keyboard.press('PageDown');
      await this.page.waitForTimeout(150); // the list renders the new rows on the next frame
      for (const label of await readLabels()) all.add(label);
      unchangedPages = all.size === before ? unchangedPages + 1 : 0;
    }
    return [...all];
  }

  /** Texts of the visible notification toasts. */
  async notifications(): Promise<string[]> {
    const toasts = this.page.locator('.notifications-toasts .notification-toast .notification-list-item-message');
    return (await toasts.allInnerTexts()).map(plain);
  }

  /** Every notification of the session, including toasts already hidden (from the notification center). */
  async allNotifications(): Promise<string[]> {
    await this.runCommand('Notifications: Show Notifications');
    const messages = this.page.locator('.notifications-center .notification-list-item-message');
    await messages
      .first()
      .waitFor({ state: 'visible', timeout: 3_000 })
      .catch(() => undefined);
    return (await messages.allInnerTexts()).map(plain);
  }

  async waitForNotification(pattern: RegExp, timeoutMs = 15_000): Promise<string> {
    let seen: string[] = [];
    return waitUntil(
      () => `a notification matching ${pattern} (shown: ${JSON.stringify(seen)})`,
      async () => {
        seen = await this.notifications();
        return seen.find((text) => pattern.test(text));
      },
      timeoutMs,
    );
  }
}

export interface TreeRow {
  level: number;
  label: string;
  description: string;
  expandable: boolean;
  expanded: boolean;
}

function describeRow(row: TreeRow): string {
  return `${'  '.repeat(row.level - 1)}${row.label}${row.description ? ` (${row.description})` : ''}`;
}

/** Each row with the labels of its ancestors: "web/web-1/app". */
export function treePaths(rows: TreeRow[]): Array<TreeRow & { path: string }> {
  const stack: string[] = [];
  return rows.map((row) => {
    stack.length = row.level - 1;
    stack.push(row.label);
    return { ...row, path: stack.join('/') };
  });
}

export function findTreeRow(rows: TreeRow[], label: string, descriptionPrefix?: string | RegExp): TreeRow | undefined {
  const matchesDescription = (description: string) =>
    descriptionPrefix === undefined || (typeof descriptionPrefix === 'string' ? description.startsWith(descriptionPrefix) : descriptionPrefix.test(description));
  const matchesLabel = label.includes('/')
    ? (row: TreeRow & { path: string }) => row.path === label || row.path.endsWith(`/${label}`)
    : (row: TreeRow & { path: string }) => row.label === label;
  return treePaths(rows).find((row) => matchesLabel(row) && matchesDescription(row.description));
}
