import { Button, Field, makeStyles, Select, Textarea, tokens } from "@fluentui/react-components";
import { useEffect, useRef, useState } from "react";
import { sampleUrl } from "../../worker/assets";
import type { TableInfo, WorkbookHost } from "../../host/workbook-host";
import { useLocale } from "../../i18n/locale-context";
import type { DataAnalysisState } from "../../state/use-data-analysis";
import { ButtonRow } from "../shared/ButtonRow";
import { Notice } from "../shared/Notice";

const useStyles = makeStyles({
  paste: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS },
  hidden: { display: "none" },
  field: { minWidth: 0 },
});

/**
 * Where the data comes from. Inside Excel: the selected range or a table. In the preview: a CSV
 * file, a range pasted from a spreadsheet, or the sample data; files are read in the page and
 * nothing leaves it.
 */
export function SourcePicker({ host, data }: { host: WorkbookHost; data: DataAnalysisState }) {
  const styles = useStyles();
  const { t } = useLocale();
  const fileInput = useRef<HTMLInputElement>(null);
  const [pasted, setPasted] = useState("");
  const [tables, setTables] = useState<TableInfo[] | null>(null);
  const [table, setTable] = useState("");
  const [problem, setProblem] = useState("");
  const workbook = host.tables;

  useEffect(() => {
    if (!workbook) return;
    let live = true;
    workbook.list().then(
      (list) => {
        if (!live) return;
        setTables(list);
        setTable((current) => current || list[0]?.name || "");
      },
      () => live && setTables([])
    );
    return () => {
      live = false;
    };
  }, [workbook]);

  const loadSample = async () => {
    setProblem("");
    try {
      // The sample is a file of the pane's own build, fetched from the pane's own origin.
      const response = await fetch(sampleUrl("orders"));
      if (!response.ok) throw new Error(`${response.status} ${response.statusText}`);
      data.openText(await response.text(), "sample", "orders.csv");
    } catch (error) {
      setProblem(t("data.source.sampleFailed", { detail: (error as Error).message }));
    }
  };

  if (workbook)
    return (
      <ButtonRow>
        <Button
          appearance="primary"
          onClick={() => data.readWorkbook({ kind: "selection" }, t("data.source.selection"))}
        >
          {t("data.source.useSelection")}
        </Button>
        {tables && tables.length > 0 && (
          <>
            <Field label={t("data.source.table")} className={styles.field}>
              <Select value={table} onChange={(_, d) => setTable(d.value)}>
                {tables.map((tb) => (
                  <option key={tb.name} value={tb.name}>
                    {t("data.source.tableOption", { table: tb.name, sheet: tb.worksheet })}
                  </option>
                ))}
              </Select>
            </Field>
            <Button
              disabled={!table}
              onClick={() => data.readWorkbook({ kind: "table", name: table }, table)}
            >
              {t("data.source.useTable")}
            </Button>
          </>
        )}
      </ButtonRow>
    );

  return (
    <>
      <ButtonRow>
        <Button appearance="primary" onClick={() => void loadSample()}>
          {t("data.source.sample")}
        </Button>
        <Button onClick={() => fileInput.current?.click()}>{t("data.source.openCsv")}</Button>
        <input
          ref={fileInput}
          className={styles.hidden}
          type="file"
          accept=".csv,.tsv,.txt,text/csv,text/tab-separated-values,text/plain"
          aria-label={t("data.source.openCsv")}
          data-testid="csv-input"
          tabIndex={-1}
          onChange={(event) => {
            const file = event.target.files?.[0];
            if (file) data.openFile(file);
            event.target.value = ""; // the same file can be opened again
          }}
        />
      </ButtonRow>
      <div className={styles.paste}>
        <Field label={t("data.source.pasteLabel")} hint={t("data.source.pasteHint")}>
          <Textarea
            value={pasted}
            resize="vertical"
            spellCheck={false}
            onChange={(_, d) => setPasted(d.value)}
          />
        </Field>
        <ButtonRow>
          <Button
            disabled={pasted.trim() === ""}
            onClick={() => data.openText(pasted, "paste", t("data.source.pasted"))}
          >
            {t("data.source.usePasted")}
          </Button>
        </ButtonRow>
      </div>
      {problem && <Notice intent="warning">{problem}</Notice>}
    </>
  );
}
