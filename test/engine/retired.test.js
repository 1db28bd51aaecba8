/**
 * The retired classic article APIs in n8n's engine, against the simulator as WeChat answers today
 * (47009 by default): the built node sends one request, does not retry, and fails with an error
 * that names the replacement operation in the node's words and what differs; with "Continue (using
 * regular output)" that error is the failed item. With the simulator serving them (serveRetired),
 * the rows still come, with a warning hint naming the replacement.
 */
const { wechatSuite } = require('./suite');

const suite = wechatSuite();

const RANGE = { dateRange: 'custom', beginDate: '2024-05-01', endDate: '2024-05-28' };

const run = (operation, more) =>
	suite.run({ resource: 'articleAnalysis', operation, ...RANGE, options: { parallelRequests: 4 } }, more);

it.each([
	// operation, endpoint, its name, the replacement, the first window (span 7 or 1)
	[
		'getUserShare',
		'getusershare',
		'Get Shares by Scene',
		'Published Content → Get Overview and Get Article Shares',
		'2024-05-01 to 2024-05-07',
	],
	[
		'getUserReadHourly',
		'getuserreadhour',
		'Get Hourly Reads by Source',
		'Published Content → Get Overview and Get Article Reads',
		'2024-05-01',
	],
	['getArticleTotal', 'getarticletotal', 'Get Article Total', 'Published Content → Get Article Details', '2024-05-01'],
])(
	"%s: one request, no retry, an error naming %s's replacement and what differs",
	async (operation, endpoint, name, replacement, window) => {
		const result = await run(operation);
		const calls = suite.datacubeCalls();
		expect(calls.map((call) => [call.endpoint, call.errcode])).toEqual([[endpoint, 47009]]);
		expect(result.data.WeChat ?? []).toHaveLength(0);
		const error = result.error;
		expect(error.node).toBe('WeChat');
		expect(error.name).toBe('NodeApiError');
		expect(error.message).toBe(
			`Could not fetch ${window}: WeChat has retired ${name} (${endpoint}): use ${replacement} instead (errcode 47009)`,
		);
		expect(error.description).toMatch(/^What differs: data only from 2025-11-01; /);
		expect(error.description).toMatch(/permanent, so the node sent no further requests/);
		expect(error.httpCode).toBe('47009');
	},
);

it('"Continue (using regular output)": each item fails with the retired error on its own item, one request each', async () => {
	const result = await run('getUserRead', { continueOnFail: true, items: [{}, {}] });
	expect(result.error).toBeUndefined();
	const items = result.data.WeChat;
	expect(items).toHaveLength(2);
	for (const [index, item] of items.entries()) {
		expect(item.pairedItem).toEqual({ item: index });
		expect(item.json.error).toMatch(
			/WeChat has retired Get Reads by Source \(getuserread\): use Published Content → Get Overview instead \(errcode 47009\)$/,
		);
		expect(item.json.details).toMatch(/What differs: data only from 2025-11-01; readers per day for the whole account/);
	}
	expect(suite.datacubeCalls()).toHaveLength(2);
});

it('when WeChat still serves a retired API, the rows come with a warning that names the replacement', async () => {
	suite.sim.setOptions({ serveRetired: true });
	const result = await run('getUserShare');
	expect(result.error).toBeUndefined();
	expect(result.data.WeChat.length).toBeGreaterThan(0);
	const hints = result.runData.WeChat[0].hints ?? [];
	expect(hints).toContainEqual(
		expect.objectContaining({
			type: 'warning',
			message: expect.stringMatching(
				/^WeChat has retired Get Shares by Scene \(getusershare\) and may stop answering it at any time: use Published Content → Get Overview and Get Article Shares instead\. What differs: /,
			),
		}),
	);
});
