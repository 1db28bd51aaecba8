'use strict';
// Control routes under /__sim/ so a simulator started by cli.js in another process can be
// driven like the in-process object (never logged in sim.log). Disable with { control: false }.
//   GET  /__sim/state                      -> { url, appId, tokensIssued, datacubeCalls, today, yesterday, latestDay, options }
//   GET  /__sim/log                        -> { log: [...] }
//   POST /__sim/reset-log                  -> { ok: true }
//   POST /__sim/expire-tokens              -> { ok: true }
//   POST /__sim/options   {partial}        -> { ok: true, options }   (same keys as sim.setOptions)
//   POST /__sim/reset-options              -> { ok: true, options }   (sim.resetOptions: runtime options as started)
//   POST /__sim/force-refresh {appId?}     -> { ok: true, access_token } (sim.forceRefresh: another system
//                                            force-refreshes the stable token; the old one dies)
//   GET  /__sim/expected?endpoint=&begin=&end=[&appId=] -> { list: [...] }  (sim.expectedRows)
//   GET  /__sim/quota[?appId=]             -> { quota: { endpoint: { daily_limit, used, remain } } } (sim.quota)

const reply = (body, status = 200) => ({ status, type: 'application/json', text: JSON.stringify(body) });

async function handleControl(state, req, url, raw) {
	const sim = state.api;
	const action = `${req.method} ${url.pathname.slice('/__sim/'.length)}`;
	try {
		switch (action) {
			case 'GET state':
				return reply({
					url: sim.url,
					appId: sim.appId,
					tokensIssued: sim.tokensIssued,
					datacubeCalls: sim.datacubeCalls,
					today: sim.today(),
					yesterday: sim.yesterday(),
					latestDay: sim.latestDay(),
					held: sim.held,
					options: sim.options,
				});
			case 'GET log':
				return reply({ log: sim.log });
			case 'POST reset-log':
				sim.resetLog();
				return reply({ ok: true });
			case 'POST expire-tokens':
				sim.expireTokens();
				return reply({ ok: true });
			case 'POST options':
				sim.setOptions(JSON.parse(raw || '{}'));
				return reply({ ok: true, options: sim.options });
			case 'POST reset-options':
				sim.resetOptions();
				return reply({ ok: true, options: sim.options });
			case 'POST force-refresh': {
				const { appId } = JSON.parse(raw || '{}');
				return reply({ ok: true, access_token: sim.forceRefresh(appId || undefined) });
			}
			case 'GET expected': {
				const q = url.searchParams;
				const extra = q.get('appId') ? { appId: q.get('appId') } : {};
				return reply({ list: sim.expectedRows(q.get('endpoint'), q.get('begin'), q.get('end'), extra) });
			}
			case 'GET quota':
				return reply({ quota: sim.quota(url.searchParams.get('appId') || undefined) });
			default:
				return reply({ errcode: 404, errmsg: 'not found' }, 404);
		}
	} catch (err) {
		return reply({ error: String(err && err.message ? err.message : err) }, 400);
	}
}

module.exports = { handleControl };
