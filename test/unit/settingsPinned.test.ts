/**
 * Settings whose effect is easy to lose: the token binding treats a credential field n8n left out
 * like an empty one and keeps the value stored for "Allow Insecure HTTP" (tokens stored with it on
 * stay usable after an update); the Simplify option is on only when exactly true; the replacement
 * operations of a retired API are grouped per resource, resources joined by ", and ".
 */
import { replacementTitles } from '../../nodes/WeChatOfficialAccount/apis/retired';
import { readOptions } from '../../nodes/WeChatOfficialAccount/readOptions';
import { tokenBinding } from '../../nodes/wechat/connection';

describe('tokenBinding of fields n8n left out', () => {
	it('binds a credential without an AppID like one with an empty AppID', () => {
		expect(tokenBinding({ appSecret: 's' })).toBe(tokenBinding({ appId: '', appSecret: 's' }));
		expect(tokenBinding({ appId: null as never, appSecret: 's' })).toBe(tokenBinding({ appId: '', appSecret: 's' }));
	});

	it('binds a credential without an App Secret like one with an empty App Secret', () => {
		expect(tokenBinding({ appId: 'wx1' })).toBe(tokenBinding({ appId: 'wx1', appSecret: '' }));
		expect(tokenBinding({ appId: 'wx1', appSecret: null as never })).toBe(
			tokenBinding({ appId: 'wx1', appSecret: '' }),
		);
	});

	it('keeps the binding stored for a token fetched with Allow Insecure HTTP on', () => {
		expect(tokenBinding({ appId: 'wx1', appSecret: 's', allowInsecureHttp: true })).toBe(
			'v1:c8e657af2bf544fe525154fe80aac22b60dadf0071f191ceda16965a67ec595d',
		);
	});
});

describe('readOptions: Simplify', () => {
	it('is on when the option is true', () => {
		expect(readOptions({ simplify: true }).simplify).toBe(true);
	});

	it.each([false, 'true', 1, null])('is off for %j', (value) => {
		expect(readOptions({ simplify: value as never }).simplify).toBe(false);
	});
});

describe('replacementTitles', () => {
	it('groups operations per resource and joins the resources with ", and "', () => {
		expect(
			replacementTitles([
				{ resource: 'publishedContent', operation: 'getArticleReads' },
				{ resource: 'userAnalysis', operation: 'getUserSummary' },
				{ resource: 'publishedContent', operation: 'getArticleShares' },
			]),
		).toBe('Published Content → Get Article Reads and Get Article Shares, and User Analysis → Get Follower Growth');
	});

	it('names the operations of one resource once', () => {
		expect(
			replacementTitles([
				{ resource: 'publishedContent', operation: 'getOverview' },
				{ resource: 'publishedContent', operation: 'getArticleReads' },
			]),
		).toBe('Published Content → Get Overview and Get Article Reads');
	});
});
