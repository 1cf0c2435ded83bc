/** The product version shown in the UI and reported by `app.info`. Kept in step with package.json by a unit test. */
export const APP_VERSION = '0.1.0';
