// Types for the context object InvenTree passes to every UI feature function
// (InvenTree's InvenTreePluginContext). Only what plugins commonly use is typed in detail;
// widen these as you use more of the context.
import type { I18n } from "@lingui/core";
import type { MantineColorScheme, MantineTheme } from "@mantine/core";
import type { ReactNode } from "react";

/** The answer of an API call: the subset of an Axios response that plugins read. */
export interface ApiResponse<T> {
  data: T;
  status: number;
}

/** InvenTree's authenticated API client (an Axios instance); paths are relative to the server. */
export interface ApiClient {
  get<T = unknown>(url: string, config?: Record<string, unknown>): Promise<ApiResponse<T>>;
  post<T = unknown>(
    url: string,
    data?: unknown,
    config?: Record<string, unknown>,
  ): Promise<ApiResponse<T>>;
  patch<T = unknown>(
    url: string,
    data?: unknown,
    config?: Record<string, unknown>,
  ): Promise<ApiResponse<T>>;
  delete<T = unknown>(url: string, config?: Record<string, unknown>): Promise<ApiResponse<T>>;
}

/** The signed-in user (InvenTree's user state: functions, not plain data). */
export interface UserState {
  username(): string;
  userId(): number | undefined;
  isLoggedIn(): boolean;
  isStaff(): boolean;
  isSuperuser(): boolean;
  checkUserRole(role: string, permission: string): boolean;
  user?: {
    pk: number;
    username: string;
    first_name?: string;
    last_name?: string;
    email?: string;
    is_staff?: boolean;
    is_superuser?: boolean;
  };
}

/** User or global settings. */
export interface SettingsState {
  getSetting(key: string, defaultValue?: string): string;
  isSet(key: string, defaultValue?: boolean): boolean;
}

/** Model metadata InvenTree knows (labels, URLs, API endpoints), keyed by model type. */
export type ModelInformation = Record<
  string,
  { label: string; label_multiple: string; url_overview?: string; url_detail?: string; api_endpoint?: string }
>;

/** Everything InvenTree passes; `C` is the feature's own `context` dict from Python. */
export interface InvenTreePluginContext<C = Record<string, unknown>> {
  version: { inventree: string; react: string; reactDom: string; mantine: string };
  api: ApiClient;
  queryClient: unknown;
  user: UserState;
  userSettings: SettingsState;
  globalSettings: SettingsState;
  modelInformation: ModelInformation;
  renderInstance: (props: { model: string; instance: unknown }) => ReactNode;
  host: string;
  i18n: I18n;
  locale: string;
  navigate: (to: string) => void;
  theme: MantineTheme;
  colorScheme: MantineColorScheme;
  forms: Record<string, unknown>;
  /** Newer InvenTree versions only: feature-detect before use. */
  tables?: Record<string, unknown>;
  importer?: Record<string, unknown>;
  /** Panels: the page's model type ("part", "stock", ...), its primary key and its data. */
  model?: string;
  id?: number | string | null;
  instance?: Record<string, unknown>;
  /** The feature's `context` dict returned by the Python side. */
  context: C;
  reloadContent?: () => void;
  reloadInstance?: () => void;
}

/** What the Python side sends in the features' `context` (see core.py). */
export interface FeatureContext {
  greeting?: string;
  /** Set when the plugin serves its own API (UrlsMixin): a path for `context.api`. */
  api_url?: string;
}

export interface AdminContext {
  greeting?: string;
  version?: string;
}
