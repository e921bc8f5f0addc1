import { Button, Field, Input, makeStyles, Text, tokens } from "@fluentui/react-components";
import { useState } from "react";
import type { Named } from "../../../scenarios/scenario-kind";
import { useLocale } from "../../i18n/locale-context";
import type { SavedScenarios } from "../../state/use-saved-scenarios";
import { Notice } from "./Notice";

const useStyles = makeStyles({
  row: { display: "flex", gap: tokens.spacingHorizontalS, alignItems: "end", flexWrap: "wrap" },
  grow: { flexGrow: 1, minWidth: "140px" },
  list: {
    listStyle: "none",
    margin: 0,
    padding: 0,
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXS,
  },
  item: {
    display: "flex",
    gap: tokens.spacingHorizontalXS,
    alignItems: "center",
    flexWrap: "wrap",
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
    paddingBlock: tokens.spacingVerticalXXS,
  },
  name: { flexGrow: 1, minWidth: "100px", overflowWrap: "anywhere" },
});

export interface ScenariosPanelProps<T extends Named> {
  saved: SavedScenarios<T>;
  /** The inputs as they are now, saved under the name typed (any kind: the what-if's, the plan's). */
  current: T;
  /** The name the field suggests until the user types one (or loads a scenario). */
  suggestedName: string;
  canSave: boolean;
  onLoad: (scenario: T) => void;
  /**
   * The name field's label and the save button's text, when this panel is not the what-if
   * tab's ("Plan name", "Save plan"): two panels on one page must not share a label.
   */
  labels?: { name: string; save: string };
}

/**
 * Save the current inputs under a name; load, rename and delete saved ones. Names are shown as
 * text, never markup. The what-if tab's scenarios and the Plan view's saved plans both use it.
 */
export function ScenariosPanel<T extends Named>({
  saved,
  current,
  suggestedName,
  canSave,
  onLoad,
  labels,
}: ScenariosPanelProps<T>) {
  const styles = useStyles();
  const { t } = useLocale();
  const [typedName, setName] = useState<string | null>(null);
  const name = typedName ?? suggestedName;
  const [renaming, setRenaming] = useState<string | null>(null);
  const [newName, setNewName] = useState("");
  const [status, setStatus] = useState("");

  const save = async () => {
    if (await saved.save({ ...current, name }))
      setStatus(t("scenarios.saved", { name: name.trim() }));
  };

  return (
    <>
      {saved.problem && (
        <Notice intent="warning" testId="scenarios-unreadable">
          {t("scenarios.unreadable", { detail: saved.problem })}
        </Notice>
      )}
      {saved.pendingOverwrite && (
        <div role="alertdialog" aria-label={t("scenarios.overwriteQuestion")}>
          <Notice intent="warning">{t("scenarios.overwriteQuestion")}</Notice>
          <div className={styles.row}>
            <Button appearance="primary" onClick={() => void saved.confirmOverwrite()}>
              {t("scenarios.overwrite")}
            </Button>
            <Button onClick={saved.cancelOverwrite}>{t("scenarios.cancel")}</Button>
          </div>
        </div>
      )}
      <div className={styles.row}>
        <Field label={labels?.name ?? t("scenarios.name")} className={styles.grow}>
          <Input value={name} maxLength={100} onChange={(_, data) => setName(data.value)} />
        </Field>
        <Button
          appearance="primary"
          disabled={!canSave || !saved.ready || name.trim() === ""}
          onClick={() => void save()}
        >
          {labels?.save ?? t("scenarios.save")}
        </Button>
      </div>
      {!saved.ready ? (
        <Text>{t("scenarios.loading")}</Text>
      ) : saved.scenarios.length === 0 ? (
        <Text>{t("scenarios.none")}</Text>
      ) : (
        <ul className={styles.list} aria-label={t("scenarios.listLabel")}>
          {saved.scenarios.map((s) => (
            <li key={s.name} className={styles.item}>
              {renaming === s.name ? (
                <>
                  <Field label={t("scenarios.newName", { name: s.name })} className={styles.grow}>
                    <Input
                      value={newName}
                      maxLength={100}
                      onChange={(_, data) => setNewName(data.value)}
                    />
                  </Field>
                  <Button
                    appearance="primary"
                    onClick={async () => {
                      if (await saved.rename(s.name, newName)) {
                        setStatus(t("scenarios.renamed", { name: newName.trim() }));
                        setRenaming(null);
                      }
                    }}
                  >
                    {t("scenarios.confirmRename")}
                  </Button>
                  <Button onClick={() => setRenaming(null)}>{t("scenarios.cancel")}</Button>
                </>
              ) : (
                <>
                  <Text className={styles.name}>{s.name}</Text>
                  <Button
                    size="small"
                    aria-label={t("scenarios.loadNamed", { name: s.name })}
                    onClick={() => {
                      onLoad(s);
                      setName(s.name);
                      setStatus(t("scenarios.loaded", { name: s.name }));
                    }}
                  >
                    {t("scenarios.load")}
                  </Button>
                  <Button
                    size="small"
                    aria-label={t("scenarios.renameNamed", { name: s.name })}
                    onClick={() => {
                      setRenaming(s.name);
                      setNewName(s.name);
                    }}
                  >
                    {t("scenarios.rename")}
                  </Button>
                  <Button
                    size="small"
                    aria-label={t("scenarios.deleteNamed", { name: s.name })}
                    onClick={async () => {
                      if (await saved.remove(s.name))
                        setStatus(t("scenarios.deleted", { name: s.name }));
                    }}
                  >
                    {t("scenarios.delete")}
                  </Button>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      {saved.error && (
        <Notice intent="warning">{t("scenarios.failed", { detail: saved.error })}</Notice>
      )}
      <Text role="status" data-testid="scenarios-status">
        {status}
      </Text>
    </>
  );
}
