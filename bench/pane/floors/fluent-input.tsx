// Floor for the pane's time to interactive: Office.js, then Fluent UI v9's provider and one Field with an Input.
import { Field, FluentProvider, Input, webLightTheme } from "@fluentui/react-components";
import { createRoot } from "react-dom/client";

Office.onReady(() => {
  createRoot(document.getElementById("root")!).render(
    <FluentProvider theme={webLightTheme}>
      <Field label="Average bill" data-testid="results-table">
        <Input defaultValue="30000" />
      </Field>
    </FluentProvider>
  );
});
