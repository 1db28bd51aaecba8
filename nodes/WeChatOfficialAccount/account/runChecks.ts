/**
 * Check Account's requests, through the node's transport (tokens, retries and errcodes stay there):
 * first one small statistics request, which also obtains the token; unless that showed that nothing
 * can succeed (no token, IP not whitelisted), one small request per other resource family, then the
 * daily quota of every datacube endpoint, each batch within the node's default Parallel Requests.
 * The quota figures therefore include the check's own requests. Returns one finding per check.
 */
import { CredentialSettingsError, issuingEndpoint, TOKEN_PATH } from '../../wechat/connection';
import { latestServedDay } from '../dates/calendar';
import {
	cancelledError,
	datacubePath,
	type ApiQuota,
	type DatacubeClient,
	type RetryOptions,
} from '../transport/DatacubeClient';
import { FAMILIES, QUOTA_APIS } from './families';
import type { Finding } from './findings';
import { inParallel } from './inParallel';
import {
	familyVerdict,
	ipWhitelistVerdict,
	latestDayVerdict,
	quotaVerdict,
	stopsEverything,
	tokenVerdict,
	verificationVerdict,
	type FamilyResult,
	type Outcome,
	type TokenFacts,
} from './verdicts';

export interface CheckOptions {
	now: number;
	parallelRequests: number;
	retry: RetryOptions;
}

async function settle<T>(request: Promise<T>): Promise<Outcome<T>> {
	try {
		return { value: await request };
	} catch (error) {
		return { error: error instanceof Error ? error : new Error(String(error)) };
	}
}

/** One finding per check; `cannotRun` when there is no credential to check at all. */
export async function checkAccount(
	client: DatacubeClient,
	options: CheckOptions,
): Promise<{ findings: Finding[] } | { cannotRun: Error }> {
	const { now, parallelRequests, retry } = options;
	const session = client.session;
	const facts: TokenFacts = { held: false, fetched: false };
	const loaded = await settle(session.credentials());
	if ('value' in loaded) {
		const endpoint = issuingEndpoint(loaded.value);
		facts.connection = {
			tokenEndpoint: TOKEN_PATH[endpoint],
			baseUrl: session.shownBaseUrl,
			appId: String(loaded.value.appId ?? '').trim(),
			classic: endpoint === 'classic',
		};
	} else if (loaded.error instanceof CredentialSettingsError) {
		facts.settingsError = loaded.error; // unusable settings are a finding
	} else {
		return { cannotRun: loaded.error };
	}
	const day = latestServedDay(now);
	const results: FamilyResult[] = FAMILIES.map((family) => ({ family, day }));
	let quotas: Array<Outcome<ApiQuota> | undefined> = QUOTA_APIS.map(() => undefined);
	const ask = async (result: FamilyResult) => {
		result.outcome = await settle(client.fetchList(result.family.api.endpoint, day, day, retry));
	};
	if (!facts.settingsError) {
		const [first, ...rest] = results;
		await ask(first);
		facts.probe = first.outcome;
		facts.held = await session.holdsToken();
		facts.fetched = session.fetched > 0;
		if (stopsEverything(facts)) {
			first.outcome = undefined; // it never reached the statistics API: not a finding about it
		} else {
			await inParallel(rest, parallelRequests, ask);
			quotas = await inParallel(QUOTA_APIS, parallelRequests, (api) =>
				settle(client.fetchQuota(datacubePath(api.endpoint), retry)),
			);
		}
	}
	if (retry.signal?.aborted) throw cancelledError();
	const outcomes = [facts.probe, ...results.map((result) => result.outcome), ...quotas];
	const failures = outcomes.flatMap((outcome) => (outcome && 'error' in outcome ? [outcome.error] : []));
	const findings = [
		tokenVerdict(facts),
		ipWhitelistVerdict(facts, failures),
		verificationVerdict(results),
		latestDayVerdict(now, results),
		...results.map(familyVerdict),
		...QUOTA_APIS.map((api, index) => quotaVerdict(api, quotas[index], now)),
	];
	return { findings };
}
