// The region switcher (issue 13) in a real VS Code against the fake cloud (test/fakes, a stand-in
// that checks every signature and keeps functions per project and package): a click on the Cloud
// view's region opens the region picker, the pick is answered as a person would (the real quick
// pick, moved through and accepted), and then the view lists the functions of the new region's
// project and the status bar, read from the workbench page, names the new region. And Download to
// Workspace of a function in a package other than default pulls that package's function.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import { cloudItems, startFakeCloud, type FakeCloud } from './cloudFake';
import { activateExtension, hasRunner, labelOf, pickQuickPickItem, statusBarTexts, stepOf, waitFor, watchQuickPicks, workspaceFolder } from './helpers';

const setting = () => vscode.workspace.getConfiguration('functiongraph.cloud');
// Two projects in cn-south-1: the region's own and a sub-project.
const SOUTH = 'aa0000000000000000000000000south';
const SOUTH_DEV = 'aa000000000000000000000000sdev01';

/** Answers the next quick picks, one label each in turn, moving to the item as the arrow keys would. */
function answerQuickPicks(...labels: string[]): { shown: { title?: string; labels: string[]; described: Record<string, string> }[]; dispose(): void } {
  const shown: { title?: string; labels: string[]; described: Record<string, string> }[] = [];
  const asItems = (items: readonly (vscode.QuickPickItem | string)[]) => items.map((i) => (typeof i === 'string' ? { label: i } as vscode.QuickPickItem : i));
  const watching = watchQuickPicks({
    seen: (items, options) => {
      const list = asItems(items);
      shown.push({ title: options?.title, labels: list.map((i) => i.label), described: Object.fromEntries(list.filter((i) => i.description).map((i) => [i.label, i.description!])) });
    },
    act: (items, n) => pickQuickPickItem(items, labels[n]),
  });
  return { shown, dispose: () => watching.dispose() };
}

/** Waits until the workbench's status bar has the cloud entry: the masked access key and `region`. */
async function statusBarShows(region: string): Promise<void> {
  let seen: string[] | undefined;
  await waitFor(`the cloud status bar entry with ${region}`, async () => (seen = await statusBarTexts())?.find((t) => t.trim().endsWith(`FGTK…0001 · ${region}`)), 15_000,
    () => `status bar: ${JSON.stringify(seen)}`);
}

suite('Cloud region switcher and packages against the fake cloud', () => {
  let fake: FakeCloud;
  suiteSetup(async function () {
    this.timeout(60_000);
    await activateExtension();
    fake = await startFakeCloud(['region-north-fn', 'cn-east-3/region-east-fn', 'pkg-billing', 'pkg-billing@orders', 'cn-south-1/south-main-fn', 'cn-south-1_dev/south-dev-fn'],
      [`cn-south-1:${SOUTH}`, `cn-south-1_dev:${SOUTH_DEV}`]);
    await setting().update('region', 'cn-north-4', vscode.ConfigurationTarget.Global);
  });
  suiteTeardown(async () => {
    await setting().update('region', undefined, vscode.ConfigurationTarget.Global);
    await fake?.stop();
  });

  test('Download to Workspace of a function in package orders pulls that one, and its template.yml keeps the package', async function () {
    this.timeout(120_000);
    await setting().update('region', 'cn-north-4', vscode.ConfigurationTarget.Global);
    const items = await cloudItems();
    const namesakes = items.filter((i) => labelOf(i) === 'pkg-billing');
    assert.deepEqual(namesakes.map((i) => i.description).sort(), ['Node.js18.15 · 256 MB', 'Node.js18.15 · 256 MB · orders'], 'both namesakes, told apart by the package');
    const urn = `urn:fss:cn-north-4:${fake.projects['cn-north-4']}:function:orders:pkg-billing:latest`;
    const target = path.join(workspaceFolder().uri.fsPath, 'pulled-orders-billing');
    const out = await stepOf('Download to Workspace of the orders function', async () =>
      vscode.commands.executeCommand<{ dir: string }>('functiongraph.cloud.download', urn, target));
    assert.equal(out.dir, target);
    const template = readFileSync(path.join(target, 'template.yml'), 'utf8');
    assert.match(template, /Package: orders/, template);
    assert.match(template, new RegExp(`function:orders:pkg-billing`), 'pulled from the orders function');
    assert.ok(existsSync(path.join(target, 'index.js')));
  });

  test('a click on the region opens the picker; the pick switches the view to that region\'s functions and the status bar to the region', async function () {
    this.timeout(120_000);
    const regionItem = await stepOf('in cn-north-4 the view lists that project\'s function only', async () => {
      const items = await cloudItems();
      const labels = items.map(labelOf);
      assert.ok(labels.includes('region-north-fn') && !labels.includes('region-east-fn'), JSON.stringify(labels));
      const region = items.find((i) => labelOf(i) === 'Region: cn-north-4');
      assert.ok(region?.command, `a clickable region item (got ${JSON.stringify(labels)})`);
      assert.equal(region.description, `project ${fake.projects['cn-north-4']}`);
      return region;
    });
    if (hasRunner()) {
      await stepOf('the status bar names the account and cn-north-4', () => statusBarShows('cn-north-4'));
    }

    const answer = answerQuickPicks('cn-east-3');
    try {
      const picked = await stepOf('click the region: the region picker opens, and cn-east-3 is picked', async () =>
        vscode.commands.executeCommand<string>(regionItem.command!.command, ...(regionItem.command!.arguments ?? [])));
      assert.equal(picked, 'cn-east-3');
      assert.equal(answer.shown.length, 1, 'one picker');
      assert.equal(answer.shown[0].title, 'Huawei Cloud region');
      assert.equal(answer.shown[0].described['cn-north-4'], 'current', 'the current region is marked');
    } finally {
      answer.dispose();
    }

    await stepOf('the view lists cn-east-3\'s project and its function, not cn-north-4\'s', async () => {
      const labels = await waitFor('the Cloud view in cn-east-3', async () => {
        const items = await cloudItems();
        const region = items.find((i) => labelOf(i) === 'Region: cn-east-3');
        return region?.description === `project ${fake.projects['cn-east-3']}` ? items.map(labelOf) : undefined;
      });
      assert.ok(labels.includes('region-east-fn'), JSON.stringify(labels));
      assert.ok(!labels.includes('region-north-fn'), JSON.stringify(labels));
    });
    if (hasRunner()) {
      await stepOf('the status bar names cn-east-3', () => statusBarShows('cn-east-3'));
    }
  });
  test('switching to a region with two projects asks which one, and the view lists the picked project\'s functions', async function () {
    this.timeout(120_000);
    const answer = answerQuickPicks('cn-south-1', 'cn-south-1_dev');
    try {
      const picked = await stepOf('Switch Region from the palette: cn-south-1, then its project cn-south-1_dev', async () =>
        vscode.commands.executeCommand<string>('functiongraph.cloud.selectRegion'));
      assert.equal(picked, 'cn-south-1');
      assert.equal(answer.shown.length, 2, `a region picker, then a project picker (${JSON.stringify(answer.shown)})`);
      assert.equal(answer.shown[1].title, 'Select the project for region cn-south-1');
      assert.deepEqual(answer.shown[1].labels, ['cn-south-1', 'cn-south-1_dev']);
    } finally {
      answer.dispose();
    }
    await stepOf('the view lists the picked project and its function', async () => {
      const labels = await waitFor('the Cloud view in cn-south-1_dev', async () => {
        const items = await cloudItems();
        return items.find((i) => labelOf(i) === 'Region: cn-south-1')?.description === `project ${SOUTH_DEV}` ? items.map(labelOf) : undefined;
      });
      assert.ok(labels.includes('south-dev-fn') && !labels.includes('south-main-fn'), JSON.stringify(labels));
    });
  });
});
