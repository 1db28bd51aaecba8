/**
 * Where an Official Account's developer settings are since WeChat moved them from the Official
 * Accounts Platform (mp.weixin.qq.com, Settings and Development) to the WeChat Developers
 * Platform, and who may open them. Shared by the credential's field descriptions and the remedies
 * of account errcodes, so every text names the same place.
 */

/** The account's page on the WeChat Developers Platform (log in by scanning with WeChat). */
const ACCOUNT_PAGE =
	'the WeChat Developers Platform (developers.weixin.qq.com/platform) > My Business > Official Account (or Service Account)';

/** Where the AppID is. */
export const BASIC_INFO = `${ACCOUNT_PAGE} > Basic Info`;

/** Where the AppSecret (enable, reset, freeze, unfreeze) and the API IP whitelist are. */
export const DEVELOPMENT_KEYS = `${ACCOUNT_PAGE} > Basic Info > Development Keys`;

/** Where the account's API permissions and quotas are listed. */
export const API_PERMISSIONS = `${ACCOUNT_PAGE} > API Management > API Permissions and Quotas`;

/** Who can open the account's page there. */
export const WHO_CAN_OPEN =
	"Only the account's administrator, or a developer the administrator has bound to the account, can open that page.";

/** Which accounts may call the datacube statistics APIs. */
export const WHO_MAY_USE_DATACUBE =
	'Only verified Official Accounts (verified subscription accounts and verified service accounts) may call the data statistics APIs. Accounts registered by an individual (personal-entity accounts) cannot be verified, so they cannot use these APIs.';
