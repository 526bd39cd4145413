<#assign subject><#if lead.firstName??>${lead.firstName}, </#if>30 minutos para revisar <#if lead.company??>el plan de crecimiento de ${lead.company}<#else>tu plan de crecimiento</#if></#assign>
Hola<#if lead.firstName??> ${lead.firstName}</#if>:

<#include "_opening.es.ftl">
Si estás valorando cómo hacer que marketing y ventas<#if lead.company??> de ${lead.company}<#else> de tu empresa</#if> aporten más ingresos con el mismo presupuesto, quizá te sirva una conversación breve antes de tomar la decisión.

Te propongo una sesión gratuita de 30 minutos con tu equipo directivo: partimos de tus objetivos de ingresos, calculamos cuántos clientes, oportunidades y leads necesitas para alcanzarlos, y vemos en qué paso del embudo se pierde más valor. Te quedas con ese cálculo tanto si seguimos hablando como si no.

Para prepararla, te dejo «${content.title}»:
${content.url}

Si prefieres ver antes una demostración con un caso de tu sector, también puedo preparártela.

¿Con quién más de tu equipo tendría sentido contar en esa sesión?

--
Un saludo,
${rep.name}
${rep.email}

Si prefieres no recibir más correos, date de baja aquí: ${unsubscribeUrl}
