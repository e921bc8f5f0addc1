import { FluentProvider, webDarkTheme, webLightTheme } from "@fluentui/react-components";
import { useEffect, useState } from "react";
import { WORKED_EXAMPLE } from "../../../model/economics/scenario";
import type { WorkbookHost } from "../../host/workbook-host";
import { LocaleProvider } from "../../i18n/locale-context";
import { resolveLanguage } from "../../i18n/strings";
import { Pane } from "./Pane";
import { useSteadyButtonHooks } from "../shared/steady-buttons";

/**
 * The pane with its host's theme and language. numberFormatsSettled: set when the numbers shown
 * so far must be written again (format-number.ts's settleNumberFormats found ICU writes one
 * differently); every component that formats reads the locale context, which it renews.
 */
export function App({
  host,
  numberFormatsSettled = false,
}: {
  host: WorkbookHost;
  numberFormatsSettled?: boolean;
}) {
  const [theme, setTheme] = useState(host.theme);
  const buttonHooks = useSteadyButtonHooks();
  useEffect(() => {
    setTheme(host.theme); // a new host (Office ready after a provisional first screen) says anew
    return host.onThemeChange(setTheme);
  }, [host]);
  useEffect(() => {
    document.documentElement.lang = resolveLanguage(host.language);
  }, [host]);
  return (
    <FluentProvider
      theme={theme === "dark" ? webDarkTheme : webLightTheme}
      customStyleHooks_unstable={buttonHooks}
      // flow-root: no child's margin reaches past the themed background to the white page.
      style={{ minHeight: "100vh", display: "flow-root" }}
    >
      <LocaleProvider locale={host.language} renew={numberFormatsSettled}>
        <Pane initialScenario={WORKED_EXAMPLE} host={host} theme={theme} />
      </LocaleProvider>
    </FluentProvider>
  );
}
