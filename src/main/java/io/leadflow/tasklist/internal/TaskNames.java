package io.leadflow.tasklist.internal;

import io.leadflow.engine.ProcessModels;
import io.leadflow.tasklist.RepTask;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

import java.util.Locale;

/**
 * A task's name as a reader sees it: its model's name in the reader's language ({@code processes/<model>.<language>.properties}),
 * else the name it was created with (the model's own, in English).
 */
@Component
class TaskNames {

    private final ProcessModels models;

    TaskNames(ProcessModels models) {
        this.models = models;
    }

    /** In the page's language. */
    String of(RepTask task) {
        return of(task.elementId(), task.name(), LocaleContextHolder.getLocale());
    }

    String of(String elementId, String recorded, Locale language) {
        return models.userTask(elementId).map(task -> task.name(language)).orElse(recorded);
    }
}
