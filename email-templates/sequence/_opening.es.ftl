<#-- Cómo empieza cada correo de la secuencia, tras el saludo: la llamada a la que sigue, si la hubo, y en el primer
     correo del lead una frase según cómo llegó (metodología: una frase de apertura por tipo de lead). -->
<#assign suEmpresa = lead.company!"tu empresa">
<#if attempt.afterConnectedCall>
Gracias por atender mi llamada hoy. Como te prometí, aquí tienes el contenido del que hablamos, para que lo leas con tu equipo cuando te venga bien.

<#elseif attempt.afterMissedCall>
Intenté llamarte y no logré hablar contigo, así que te escribo por aquí.

</#if>
<#if attempt.firstEmail>
<#switch lead.origin.type>
<#case "form-fill">
<#switch lead.origin.source!"">
<#case "ebook">
Vi que descargaste el ebook: ¿qué te pareció?
<#break>
<#case "webinar">
Gracias por asistir al webinar: ¿qué te llevaste de él para tu equipo?
<#break>
<#case "event">
Fue un gusto conocerte en el evento.
<#break>
<#default>
Gracias por tu interés en el contenido del blog.
</#switch>

<#break>
<#case "company-visit">
Alguien de ${suEmpresa} estuvo leyendo hace poco <#if lead.origin.topic??>sobre «${lead.origin.topic}» </#if>en el blog; quizá también sea una prioridad para tu equipo.

<#break>
<#case "trigger-event">
<#switch lead.origin.event!"">
<#case "funding">
Enhorabuena por la nueva ronda de financiación de ${suEmpresa}: un gran momento para ti y tu equipo.
<#break>
<#case "hiring">
Vi que ${suEmpresa} está contratando, así que tu equipo seguramente está creciendo.
<#break>
<#case "social-mention">
Leí tu publicación reciente y me hizo pensar en los objetivos de tu equipo.
<#break>
<#default>
Leí la noticia reciente sobre ${suEmpresa}; enhorabuena a ti y a tu equipo.
</#switch>

<#break>
<#case "referral">
${lead.origin.referredBy!"Un colega tuyo"} me sugirió que te escribiera, porque esto podría serle útil a tu equipo.

<#break>
</#switch>
</#if>
