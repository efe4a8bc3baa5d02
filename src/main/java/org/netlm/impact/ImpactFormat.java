package org.netlm.impact;

import java.util.function.Function;

/** The formats of the impact report, each with its renderer. */
public enum ImpactFormat {
    text(ImpactText::render),
    json(ImpactJson::render),
    markdown(ImpactMarkdown::render),
    html(ImpactHtml::render);

    private final Function<ImpactReport, String> renderer;

    ImpactFormat(Function<ImpactReport, String> renderer) {
        this.renderer = renderer;
    }

    public String render(ImpactReport report) {
        return renderer.apply(report);
    }
}
