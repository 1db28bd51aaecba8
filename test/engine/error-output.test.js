/**
 * Issue 8 §2: n8n's two "On Error: Continue" modes. With "Continue (using error output)" a failed
 * item must leave through the error output (n8n-core moves an item there only when its json has
 * no keys but error/message/details); with "Continue (using regular output)" it stays in the main
 * output as an { error, details } item. Items that succeed keep their rows and pairedItem.
 */
const { NODE_TYPE } = require('./wechat-workflow');
const { wechatSuite } = require('./suite');

const suite = wechatSuite();

const ITEMS = [
	{ begin: '2024-03-01', end: '2024-03-02' },
	{ begin: '2024-02-30', end: '2024-03-02' }, // not a real date: fails before any request
	{ begin: '2024-03-05', end: '2024-03-05' },
];

function workflow(onError) {
	return {
		nodes: [
			{ name: 'Input', type: 'harness.input', parameters: { items: JSON.stringify(ITEMS) } },
			{
				name: 'WeChat',
				type: NODE_TYPE,
				parameters: {
					resource: 'messageSummary',
					operation: 'getDaily',
					dateRange: 'custom',
					beginDate: '={{ $json.begin }}',
					endDate: '={{ $json.end }}',
					options: { addReadableFields: false },
				},
				credentials: { weChatOfficialAccountApi: { id: 'sim', name: 'WeChat (local simulator)' } },
				onError,
			},
		],
		connections: { Input: { main: [[{ node: 'WeChat', type: 'main', index: 0 }]] } },
	};
}

const expectedGood = () => [
	...suite.sim.expectedRows('getupstreammsg', '2024-03-01', '2024-03-02'),
	...suite.sim.expectedRows('getupstreammsg', '2024-03-05', '2024-03-05'),
];

it('"Continue (using error output)" sends the failed item to the error output and only rows to the main output', async () => {
	const result = await suite.engine.run(workflow('continueErrorOutput'), { timezone: 'Asia/Shanghai' });
	expect(result.error).toBeUndefined();
	const [main, errors] = result.outputs.WeChat;
	expect(main.map((item) => item.json)).toEqual(expectedGood());
	expect(main.every((item) => item.json.error === undefined)).toBe(true);
	expect(errors).toHaveLength(1);
	expect(errors[0].json.error).toMatch(/Start Date "2024-02-30" is not a real calendar date/);
	expect(errors[0].json.details).toMatch(/YYYY-MM-DD/);
	expect(errors[0].pairedItem).toEqual({ item: 1 });
});

it('"Continue (using regular output)" keeps the failed item in the main output as { error, details }', async () => {
	const result = await suite.engine.run(workflow('continueRegularOutput'), { timezone: 'Asia/Shanghai' });
	expect(result.error).toBeUndefined();
	expect(result.outputs.WeChat).toHaveLength(1);
	const items = result.outputs.WeChat[0];
	const failed = items.filter((item) => item.json.error !== undefined);
	expect(failed).toHaveLength(1);
	expect(Object.keys(failed[0].json).sort()).toEqual(['details', 'error']);
	expect(failed[0].json.error).toMatch(/Start Date "2024-02-30" is not a real calendar date/);
	expect(failed[0].pairedItem).toEqual({ item: 1 });
	expect(items.filter((item) => item.json.error === undefined).map((item) => item.json)).toEqual(expectedGood());
	expect(suite.datacubeCalls().map((call) => call.body)).toEqual([
		{ begin_date: '2024-03-01', end_date: '2024-03-02' },
		{ begin_date: '2024-03-05', end_date: '2024-03-05' },
	]);
});

it('"Stop Workflow" fails the execution on the bad item', async () => {
	const result = await suite.engine.run(workflow('stopWorkflow'), { timezone: 'Asia/Shanghai' });
	expect(result.error.message).toMatch(/Start Date "2024-02-30"/);
});
