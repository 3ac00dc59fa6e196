// Re-makes docs/img/guide-*.png: the rec4j guide in Neo4j Browser, on the demo server of run-demo.sh, driven in
// headless Chromium with Playwright. Needs Node 18+, Chromium and playwright-core (outside the repository):
//
//   apt-get install -y chromium
//   (mkdir -p /tmp/pw && cd /tmp/pw && npm install playwright-core)
//   REC4J_HTTP_PORT=7474 REC4J_BOLT_PORT=7687 ./run-demo.sh &        # wait until it prints "rec4j demo is serving"
//   REC4J_HTTP_PORT=7474 REC4J_BOLT_PORT=7687 NODE_PATH=/tmp/pw/node_modules node docs/img/capture-guide.cjs
//
// It opens the URL that run-demo.sh prints (connect without authentication), waits for the guide that the server's
// browser.post_connect_cmd opens in the sidebar, goes to a few steps, runs a query of each with its play icon and
// takes a 1280x800 screenshot of each (the committed ones were then shrunk with  pngquant --quality 70-90 ).
const path = require('node:path');
const { chromium } = require('playwright-core');

const HTTP = process.env.REC4J_HTTP_PORT || '7474';
const BOLT = process.env.REC4J_BOLT_PORT || '7687';
const URL = `http://127.0.0.1:${HTTP}/browser/?dbms=bolt://127.0.0.1:${BOLT}&preselectAuthMethod=NO_AUTH`;
const OUT = __dirname;

// [file, slide (0 = first), runnable query on that slide (0 = first), what the result frame must show]
const STEPS = [
  ['guide-1-recommend.png', 1, 1, 'table'],
  ['guide-2-explain-graph.png', 2, 0, 'graph'],
  ['guide-3-free-text.png', 4, 0, 'table'],
  ['guide-4-cold-start.png', 5, 0, 'table'],
  ['guide-5-evaluation.png', 6, 0, 'table'],
];

(async () => {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic',
           '--no-first-run', '--disable-component-update', '--disable-sync'],
  });
  let page;
  try {
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    console.log('open ' + URL);
    await page.goto(URL);
    const drawer = page.getByTestId('guidesDrawer');
    await drawer.getByText('rec4j on the demo catalog').waitFor({ timeout: 120000 });
    console.log('connected; the guide is open');
    await page.screenshot({ path: path.join(OUT, 'guide-0-start.png') });

    let slide = 0;
    for (const [file, target, query, shows] of STEPS) {
      for (; slide < target; slide++) {
        await drawer.getByTestId('guideNextSlide').click();
      }
      const heading = (await drawer.locator('h3').first().textContent()).trim();
      // an empty stream, so that each screenshot shows its own step's result
      await page.getByTestId('activeEditor').click();
      await page.keyboard.press('Control+A');
      await page.keyboard.type(':clear');
      await page.getByTestId('editor-Run').click(); // not Enter: the completion popup may take it
      await page.waitForFunction(() => document.querySelectorAll('[data-testid="frame"]').length === 0);
      await drawer.locator('pre.runnable i.fa-play-circle-o').nth(query).click();
      await page.getByTestId('frame').first().waitFor();
      const frame = page.getByTestId('frame').first();
      if (shows === 'graph') {
        // a graph result opens on the visualization, whose status bar counts nodes and relationships
        await frame.locator('svg g.node').first().waitFor({ timeout: 120000 });
        // fold the overview pane away from the graph (where this Browser version has its toggle next to the title)
        await frame.locator('button:near(:text-is("Overview"), 60)').first().click({ timeout: 5000 })
          .catch(() => console.log('(overview pane left open)'));
        await page.waitForTimeout(4000); // let the force layout settle
      } else {
        await frame.getByTestId('frameStatusbar').getByText(/completed after/).waitFor({ timeout: 120000 });
        await frame.locator('table').first().waitFor({ timeout: 30000 });
        await page.waitForTimeout(1000); // the frame's slide-in
      }
      await page.screenshot({ path: path.join(OUT, file) });
      console.log(`${file}: slide ${target} "${heading}", query ${query}, ${shows}`);
    }
  } catch (e) {
    if (page) await page.screenshot({ path: path.join(OUT, 'guide-failed.png') }); // not committed: what went wrong
    throw e;
  } finally {
    await browser.close();
  }
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
