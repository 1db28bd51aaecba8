/** Builds workflow JSON (n8n's export format) around the WeChat node, for engine tests and the demo. */
const NODE_TYPE = 'n8n-nodes-wechat-analytics.weChatOfficialAccount';

function wechatWorkflow({ items = [{}], parameters = {}, continueOnFail = false, credentialId = 'sim' } = {}) {
	return {
		name: 'WeChat engine test',
		nodes: [
			{
				name: 'Input',
				type: 'harness.input',
				typeVersion: 1,
				position: [0, 0],
				parameters: { items: JSON.stringify(items) },
			},
			{
				name: 'WeChat',
				type: NODE_TYPE,
				typeVersion: 1,
				position: [240, 0],
				parameters: {
					resource: 'messageSummary',
					operation: 'getDaily',
					dateRange: 'yesterday',
					options: {},
					...parameters,
				},
				credentials: { weChatOfficialAccountApi: { id: credentialId, name: 'WeChat (local simulator)' } },
				...(continueOnFail ? { onError: 'continueRegularOutput' } : {}),
			},
		],
		connections: { Input: { main: [[{ node: 'WeChat', type: 'main', index: 0 }]] } },
	};
}

module.exports = { wechatWorkflow, NODE_TYPE };
